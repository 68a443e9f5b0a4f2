"""Child process for the crash test: edits a plan in a deterministic sequence until killed.

After each edit returns, its number is appended to a log; the parent kills this process
at a random moment and checks that the database holds every logged edit.
"""

import sys
from pathlib import Path

from hoshin_desktop.services.session import Session

FIELDS = ("title", "background", "actions", "indicator", "baseline", "target", "schedule")
CODES = ("1(2)", "3(6)", "2(1)", "4(4)")


def expected_op(i: int, round_number: int = 0):
    """The i-th edit of a round: mostly field edits, sometimes a new goal, a pin or an answer."""
    if i % 10 == 0:
        return ("add_goal",)
    if i % 10 == 5:
        return ("pin", CODES[(i // 10) % len(CODES)])
    if i % 10 == 7:
        return ("answer", CODES[(i // 10) % len(CODES)], f"answer-{round_number}-{i}")
    return ("field", FIELDS[i % len(FIELDS)], f"value-{round_number}-{i}-" + "字" * (i % 50))


def run(data_dir: Path, round_tag: str, log: Path) -> None:
    session = Session.open(data_dir)
    editor = session.editor(2024, "政策部")
    with open(log, "a", encoding="utf-8") as out:
        print("ready", flush=True)
        i = 0
        goal = editor.plan.goals[-1].id if editor.plan.goals else None
        while True:
            op = expected_op(i, int(round_tag.lstrip("r")))
            if op[0] == "add_goal" or goal is None:
                goal = editor.add_goal().select
                out.write(f"{round_tag} {i} add_goal {goal}\n")
            elif op[0] == "pin":
                editor.pin(goal, op[1])
                out.write(f"{round_tag} {i} pin {goal} {op[1]}\n")
            elif op[0] == "answer":
                editor.set_answer(op[1], op[2])
                out.write(f"{round_tag} {i} answer {op[1]} {op[2]}\n")
            else:
                editor.set_goal_field(goal, op[1], op[2])
                out.write(f"{round_tag} {i} field {goal} {op[1]} {op[2]}\n")
            out.flush()  # in the OS page cache now: survives a killed process
            i += 1


if __name__ == "__main__":
    run(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
