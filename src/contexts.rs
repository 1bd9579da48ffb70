//! CLI contexts: named control planes with their keys, in the user config dir
//! (`contexts.toml`, mode 0600, like `lk`'s and kubectl's).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// One saved control plane.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Context {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_token: Option<String>,
}

/// The contexts file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Contexts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    #[serde(default)]
    pub contexts: BTreeMap<String, Context>,
}

impl Contexts {
    /// `<config dir>/contexts.toml`.
    pub fn path() -> Result<PathBuf, CliError> {
        crate::dirs::config_dir()
            .map(|d| d.join("contexts.toml"))
            .ok_or_else(|| CliError::Config("no home directory for the contexts file".into()))
    }

    /// Reads the file; a missing file is an empty set. Never creates it.
    pub fn load() -> Result<Contexts, CliError> {
        let path = Self::path()?;
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|e| CliError::Config(format!("contexts file {} is not valid: {e}", path.display()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Contexts::default()),
            Err(e) => Err(CliError::Config(format!("cannot read {}: {e}", path.display()))),
        }
    }

    /// Writes the file with mode 0600 (its directory 0700): it holds keys.
    pub fn save(&self) -> Result<PathBuf, CliError> {
        let path = Self::path()?;
        let fail = |e: std::io::Error| CliError::Config(format!("cannot write {}: {e}", path.display()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
            }
        }
        let text = toml::to_string(self).map_err(|e| CliError::Other(e.to_string()))?;
        crate::dirs::write_private(&path, &text).map_err(fail)?;
        Ok(path)
    }
}
