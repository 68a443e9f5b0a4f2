; Inno Setup 6 script: installs hoshin-desktop for the current user only (no administrator rights).
;
; Build on Windows (Inno Setup 6.3 or later installed), from the repository folder:
;     py packaging\build.py --installer
; which builds dist\hoshin-desktop\ first and passes the version of pyproject.toml. Opened in the
; Inno Setup IDE instead, the script takes the version that build.py wrote into the .exe.
;
; The program goes to %LOCALAPPDATA%\Programs\hoshin_desktop; the user's working data lives in
; %LOCALAPPDATA%\hoshin_desktop (hoshin_desktop/paths.py). The uninstaller removes only what it
; installed, so the working data and its backups stay: no [UninstallDelete] entry may name them.

#ifndef BuildDir
  #define BuildDir AddBackslash(SourcePath) + "..\..\dist\hoshin-desktop"
#endif
#define GuiExe "hoshin-desktop.exe"
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
DefaultDirName={autopf}\hoshin_desktop
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
japanese.DirIsDataDir=このフォルダーは作業データの保存先です。プログラムは別のフォルダーに入れてください。

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

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and (CompareText(RemoveBackslashUnlessRoot(WizardDirValue), DataDir) = 0) then
  begin
    MsgBox(CustomMessage('DirIsDataDir'), mbError, MB_OK);
    Result := False;
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
end;
