//! Platform directories (via `directories`): where config, contexts and data live by default.

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("io", "pulse", "pulse")
}

/// `~/.config/pulse` on Linux.
pub fn config_dir() -> Option<PathBuf> {
    project().map(|p| p.config_dir().to_path_buf())
}

/// `~/.local/share/pulse` on Linux.
pub fn data_dir() -> Option<PathBuf> {
    project().map(|p| p.data_dir().to_path_buf())
}
