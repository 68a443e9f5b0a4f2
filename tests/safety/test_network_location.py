"""The working data is never opened on a file share without the user's say-so."""

from hoshin_desktop.services import startup
from hoshin_desktop.storage.location import is_network_location, is_unc, mount_type

MOUNTS = """\
/dev/vda / ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
//fileserver/seisaku /mnt/share cifs rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
/dev/vdb /mnt/share/local\\040disk ext4 rw 0 0
"""


def test_mount_type_takes_the_longest_mount_point():
    assert mount_type("/home/user/data", MOUNTS) == "ext4"
    assert mount_type("/mnt/share/政策部/data", MOUNTS) == "cifs"
    assert mount_type("/mnt/nfs", MOUNTS) == "nfs4"
    assert mount_type("/mnt/share/local disk/data", MOUNTS) == "ext4"
    assert mount_type("/mnt/sharefolder", MOUNTS) == "ext4"  # a prefix of the name is not a parent


def test_unc_paths_are_network():
    assert is_unc(r"\\fileserver\seisaku\data")
    assert is_unc("//fileserver/seisaku")
    assert not is_unc(r"C:\Users\taro\AppData\Local\hoshin_desktop")
    assert not is_unc(r"\\?\C:\very\long\path")
    assert not is_unc(r"\\?\d:\data")
    assert is_unc(r"\\?\UNC\fileserver\seisaku")


def test_a_local_temporary_folder_is_not_network(tmp_path):
    assert is_network_location(tmp_path / "not" / "yet" / "made") is False


class Answers:
    def __init__(self, open_anyway):
        self.open_anyway = open_anyway
        self.asked = []

    def network_location(self, data_dir):
        self.asked.append(data_dir)
        return self.open_anyway


def test_user_declines_a_network_folder_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(startup, "is_network_location", lambda path: True)
    data_dir = tmp_path / "share" / "data"
    answers = Answers(open_anyway=False)
    assert startup.open_data(data_dir, answers).session is None
    assert answers.asked == [data_dir]
    assert not data_dir.exists()


def test_user_insists_and_the_data_opens(tmp_path, monkeypatch):
    monkeypatch.setattr(startup, "is_network_location", lambda path: True)
    opened = startup.open_data(tmp_path / "data", Answers(open_anyway=True))
    assert opened.session is not None
    opened.session.close()
