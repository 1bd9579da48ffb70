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

/// The admin token file inside a data dir.
pub fn admin_token_path(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("admin_token")
}

/// Creates `dir` (and its parents) readable by its owner only. The data dir holds webhook
/// secrets and storage credentials: 0700 whoever starts the daemon, and a warning when an
/// existing one is wider.
pub fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let existed = dir.exists();
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if !existed {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        } else if mode & 0o077 != 0 {
            tracing::warn!(dir = %dir.display(), mode = format!("{mode:o}"), "the data dir is readable by others; `chmod 700` it");
        }
    }
    Ok(())
}

/// Makes every file under `dir` (and `dir` itself) its owner's alone: files 0600, directories
/// 0700, whatever the umask they were made under (sled creates its files with the process's).
pub fn tighten(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(dir)?;
        if meta.is_dir() {
            if meta.permissions().mode() & 0o077 != 0 {
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
            }
            for entry in std::fs::read_dir(dir)? {
                tighten(&entry?.path())?;
            }
        } else if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
            let mode = meta.permissions().mode() & 0o700;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode.max(0o600)))?;
        }
    }
    Ok(())
}

/// From now on, what this process creates is its owner's alone (umask 077): the daemon's
/// store files, whichever library makes them.
pub fn private_umask() {
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Writes a file only its owner can read (0600 from creation, never briefly wider).
pub fn write_private(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    opts.mode(0o600);
    let mut f = opts.open(path)?;
    // An existing file keeps its old mode through `open`; tighten it before writing.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(contents.as_bytes())?;
    f.sync_all()
}
