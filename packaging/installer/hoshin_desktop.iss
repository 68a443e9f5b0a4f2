; Inno Setup 6 script: installs hoshin-desktop for the current user only (no administrator rights).
;
; Build from the repository folder with one command, which builds dist\hoshin-desktop\ first and
; passes the version of pyproject.toml:
;     py packaging\build.py --installer          (Windows, Inno Setup 6.3 or later installed)
;     python3 packaging/build.py --installer     (Linux: Inno Setup's compiler under wine, with the
;                                                Linux program folder as a stand-in payload)
; Opened in the Inno Setup IDE instead, the script takes the version that build.py wrote into the .exe.
;
; The program goes to %LOCALAPPDATA%\Programs\hoshin_desktop; the user's working data lives in
; %LOCALAPPDATA%\hoshin_desktop (hoshin_desktop/paths.py). The uninstaller removes only what it
; installed, so the working data and its backups stay: no [UninstallDelete] entry may name them.

#ifndef BuildDir
  #define BuildDir AddBackslash(SourcePath) + "..\..\dist\hoshin-desktop"
#endif
#ifndef GuiExe
  #define GuiExe "hoshin-desktop.exe"
#endif
#define PortableMarker "portable.txt"
#define DataDirName "hoshin_desktop"
#define AppTitle "部の運営方針・組織目標 作成ツール"
#if !FileExists(AddBackslash(BuildDir) + GuiExe)
  #error 先に py packaging\build.py を実行して dist\hoshin-desktop を作ってください
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AddBackslash(BuildDir) + GuiExe)
#endif

[Setup]
; AppId ties upgrades and the uninstaller together: never change it.
AppId={{AFFA8741-6A22-4D79-AF40-00783DC356EF}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=hoshin_desktop
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
; {localappdata}\Programs is where {autopf} points for a per-user install on Windows; named
; directly, because wine (where the build checks this installer) cannot expand {autopf} there.
DefaultDirName={localappdata}\Programs\hoshin_desktop
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=hoshin-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes
UninstallDisplayName={#AppTitle}
UninstallDisplayIcon={app}\{#GuiExe}
SetupLogging=yes
SetupIconFile=..\..\resources\icons\hoshin.ico

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[CustomMessages]
japanese.DataKept=作業データのフォルダーは消さずに残しました:%n%1%n%nもう一度インストールすると、そのまま続きから使えます。不要なときはこのフォルダーを手で削除してください。
japanese.DirIsDataDir=このフォルダーは作業データの保存先（またはその中）です。プログラムは別のフォルダーに入れてください。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not mix the old version's libraries with the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The portable marker would move the working data into the program folder: never install it.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Excludes: "\{#PortableMarker}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
function DataDir: String;
begin
  Result := ExpandConstant('{localappdata}\{#DataDirName}');
end;

// The data folder itself or a folder inside it: the program must not mix with the working data.
function IsInDataDir(Dir: String): Boolean;
var
  Data: String;
begin
  Data := AddBackslash(Lowercase(DataDir));
  Result := Copy(AddBackslash(Lowercase(Dir)), 1, Length(Data)) = Data;
end;

// On the folder page: the user chooses again.
function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and IsInDataDir(WizardDirValue) then
  begin
    Log('Refused install folder (the working data folder): ' + WizardDirValue);
    SuppressibleMsgBox(CustomMessage('DirIsDataDir'), mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

// A silent install (/DIR=) skips the folder page: stop before anything is copied. Setup's own
// error box for a refused install cannot be suppressed, and would hang an unattended install.
procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssInstall) and IsInDataDir(ExpandConstant('{app}')) then
  begin
    Log('Refused install folder (the working data folder): ' + ExpandConstant('{app}'));
    SuppressibleMsgBox(CustomMessage('DirIsDataDir'), mbError, MB_OK, IDOK);
    Abort;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Kept: String;
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir) then
  begin
    Kept := FmtMessage(CustomMessage('DataKept'), [DataDir]);
    Log(Kept);
    if not UninstallSilent then
      MsgBox(Kept, mbInformation, MB_OK);
  end;
end;
