"""hoshin_desktop: drafting 部の運営方針・組織目標 against the mayor's 市政運営の基本方針."""

__version__ = "0.1.0"
APP_NAME = "hoshin-desktop"
