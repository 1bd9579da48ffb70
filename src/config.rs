//! Daemon configuration: built-in defaults < TOML file < `PULSE_*` environment < flags
//! (`config.example.toml` documents every key), validated into [`Settings`] with errors that name the key and the fix.
//!
//! The environment is passed in as a map so that every precedence edge is unit-tested
//! without touching the process environment.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::media::{FieldError, Storage, StorageConfig};

/// The config file as written: every key optional, unknown keys refused.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub daemon: DaemonSection,
    pub livekit: LiveKitSection,
    pub cdn: CdnSection,
    pub storage: StorageConfig,
    pub webhooks: WebhooksSection,
    pub rate_limit: RateLimitSection,
    pub store: StoreSection,
    pub usage: UsageSection,
}

/// `[usage]`: the usage aggregation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct UsageSection {
    /// How often the leading daemon settles the hours that writes made stale into the stored
    /// buckets (`GET /v1/usage` is exact either way; settled hours are cheaper to read).
    pub aggregate_interval: String,
}

impl Default for UsageSection {
    fn default() -> Self {
        Self { aggregate_interval: "60s".into() }
    }
}

/// `[store]`: which backend keeps the state.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct StoreSection {
    /// `sled` (embedded, one daemon) or `postgres` (shared by several).
    pub backend: String,
    /// `postgres://user:password@host:5432/database` when the backend is `postgres`.
    pub url: Option<String>,
    /// Connections per daemon.
    pub pool_size: u32,
}

impl Default for StoreSection {
    fn default() -> Self {
        Self { backend: "sled".into(), url: None, pool_size: 16 }
    }
}

/// `[webhooks]`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct WebhooksSection {
    pub retry_schedule: Vec<String>,
    pub jitter: f64,
    pub timeout: String,
    pub allow_private_targets: bool,
    pub allowed_cidrs: Vec<String>,
    pub retention_days: u32,
    pub max_in_flight: u32,
    pub max_in_flight_per_endpoint: u32,
    pub max_in_flight_per_project: u32,
}

impl Default for WebhooksSection {
    fn default() -> Self {
        Self {
            retry_schedule: ["5m", "10m", "30m", "30m"].map(String::from).to_vec(),
            jitter: 0.0,
            timeout: "10s".into(),
            allow_private_targets: false,
            allowed_cidrs: Vec::new(),
            retention_days: 30,
            max_in_flight: 256,
            max_in_flight_per_endpoint: 16,
            max_in_flight_per_project: 64,
        }
    }
}

/// Validated `[webhooks]`.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    pub retry_schedule: Vec<Duration>,
    pub jitter: f64,
    pub timeout: Duration,
    pub allow_private_targets: bool,
    pub allowed_cidrs: Vec<crate::ssrf::Cidr>,
    pub retention: Duration,
    pub max_in_flight: usize,
    pub max_in_flight_per_endpoint: usize,
    pub max_in_flight_per_project: usize,
}

/// `[daemon]`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct DaemonSection {
    pub listen: String,
    pub data_dir: Option<PathBuf>,
    pub admin_token: Option<String>,
    /// Base64 of 32 bytes: the key values kept encrypted at rest are sealed with.
    pub encryption_key: Option<String>,
    pub log_format: String,
    pub max_connections: u32,
    pub header_timeout: String,
    pub idle_timeout: String,
    pub body_timeout: String,
}

impl Default for DaemonSection {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8081".into(),
            data_dir: None,
            admin_token: None,
            encryption_key: None,
            log_format: "pretty".into(),
            max_connections: 1024,
            header_timeout: "10s".into(),
            idle_timeout: "60s".into(),
            body_timeout: "30s".into(),
        }
    }
}

/// `[livekit]`; defaults are those of `livekit-server --dev`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct LiveKitSection {
    pub url: String,
    pub api_key: String,
    pub api_secret: String,
    pub reconcile_interval: String,
}

impl Default for LiveKitSection {
    fn default() -> Self {
        Self {
            url: "http://localhost:7880".into(),
            api_key: "devkey".into(),
            api_secret: "secret".into(),
            reconcile_interval: "30s".into(),
        }
    }
}

/// `[cdn]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct CdnSection {
    pub base_url: Option<String>,
}

/// `[rate_limit]`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSection {
    pub per_ip_per_minute: u32,
    pub per_project_per_minute: u32,
}

impl Default for RateLimitSection {
    fn default() -> Self {
        Self { per_ip_per_minute: 100, per_project_per_minute: 1000 }
    }
}

/// `--log-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Validated, ready-to-use configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub admin_token: Option<String>,
    /// `daemon.encryption_key`; without it the daemon uses `<data_dir>/encryption_key`.
    pub encryption_key: Option<[u8; 32]>,
    pub log_format: LogFormat,
    pub livekit: LiveKitSettings,
    pub cdn_base_url: Option<String>,
    pub storage: Option<Storage>,
    pub webhooks: WebhookSettings,
    pub rate_limit: RateLimitSection,
    pub store: crate::store::Backend,
    /// Connection limits and timeouts (`[daemon]`).
    pub connections: crate::daemon::server::Limits,
    /// How long a request body may take to arrive in full.
    pub body_timeout: Duration,
    /// `usage.aggregate_interval`.
    pub usage_interval: Duration,
}

/// How to reach LiveKit.
#[derive(Clone)]
pub struct LiveKitSettings {
    /// Always http(s)://, without a trailing slash.
    pub url: String,
    pub api_key: String,
    pub api_secret: String,
    pub reconcile_interval: Duration,
}

impl std::fmt::Debug for LiveKitSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LiveKit({} key={} secret=<redacted>)", self.url, self.api_key)
    }
}

/// Values given as `pulse daemon` flags: the top layer.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub log_format: Option<String>,
}

#[derive(Clone, Copy)]
enum Kind {
    Str,
    Bool,
    Int,
    Float,
    /// Comma-separated.
    List,
}

/// Every key that `PULSE_<SECTION>_<KEY>` can set.
const ENV_KEYS: &[(&str, &str, Kind)] = &[
    ("daemon", "listen", Kind::Str),
    ("daemon", "data_dir", Kind::Str),
    ("daemon", "admin_token", Kind::Str),
    ("daemon", "encryption_key", Kind::Str),
    ("daemon", "log_format", Kind::Str),
    ("daemon", "max_connections", Kind::Int),
    ("daemon", "header_timeout", Kind::Str),
    ("daemon", "idle_timeout", Kind::Str),
    ("daemon", "body_timeout", Kind::Str),
    ("livekit", "url", Kind::Str),
    ("livekit", "api_key", Kind::Str),
    ("livekit", "api_secret", Kind::Str),
    ("livekit", "reconcile_interval", Kind::Str),
    ("cdn", "base_url", Kind::Str),
    ("storage", "provider", Kind::Str),
    ("storage", "bucket", Kind::Str),
    ("storage", "region", Kind::Str),
    ("storage", "endpoint", Kind::Str),
    ("storage", "access_key_id", Kind::Str),
    ("storage", "secret_access_key", Kind::Str),
    ("storage", "force_path_style", Kind::Bool),
    ("webhooks", "retry_schedule", Kind::List),
    ("webhooks", "jitter", Kind::Float),
    ("webhooks", "timeout", Kind::Str),
    ("webhooks", "allow_private_targets", Kind::Bool),
    ("webhooks", "allowed_cidrs", Kind::List),
    ("webhooks", "retention_days", Kind::Int),
    ("webhooks", "max_in_flight", Kind::Int),
    ("webhooks", "max_in_flight_per_endpoint", Kind::Int),
    ("webhooks", "max_in_flight_per_project", Kind::Int),
    ("rate_limit", "per_ip_per_minute", Kind::Int),
    ("rate_limit", "per_project_per_minute", Kind::Int),
    ("store", "backend", Kind::Str),
    ("store", "url", Kind::Str),
    ("store", "pool_size", Kind::Int),
    ("usage", "aggregate_interval", Kind::Str),
];

/// A config that could not be loaded or validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<FieldError> for ConfigError {
    fn from(e: FieldError) -> Self {
        ConfigError(format!("invalid config: {e}"))
    }
}

/// The file to read: `--config`, else `PULSE_CONFIG`, else the platform config dir's
/// `config.toml` when it exists. An explicitly named file must exist.
pub fn config_path(flag: Option<&Path>, env: &HashMap<String, String>) -> Result<Option<PathBuf>, ConfigError> {
    if let Some(p) = flag.map(Path::to_path_buf).or_else(|| env.get("PULSE_CONFIG").map(PathBuf::from)) {
        if !p.is_file() {
            return Err(ConfigError(format!("config file {} does not exist", p.display())));
        }
        return Ok(Some(p));
    }
    Ok(crate::dirs::config_dir().map(|d| d.join("config.toml")).filter(|p| p.is_file()))
}

impl Config {
    /// Reads and layers: defaults < `file` < seed-era aliases < `PULSE_*` env < flags.
    pub fn load(file: Option<&Path>, env: &HashMap<String, String>, flags: &Flags) -> Result<Config, ConfigError> {
        let mut table = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| ConfigError(format!("cannot read config file {}: {e}", path.display())))?;
                text.parse::<toml::Table>().map_err(|e| {
                    // toml's own message quotes the offending line, which may hold a secret:
                    // say where, and what, without it.
                    let at = e.span().map(|s| {
                        let before = &text[..s.start.min(text.len())];
                        let line = before.matches('\n').count() + 1;
                        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                        format!(" at line {line}, column {column}")
                    });
                    ConfigError(format!(
                        "config file {} is not valid TOML{}: {}",
                        path.display(),
                        at.unwrap_or_default(),
                        e.message()
                    ))
                })?
            }
            None => toml::Table::new(),
        };
        apply_aliases(&mut table, env);
        for (section, key, kind) in ENV_KEYS {
            let name = format!("PULSE_{}_{}", section.to_uppercase(), key.to_uppercase());
            if let Some(raw) = env.get(&name) {
                let value = match kind {
                    Kind::Str => toml::Value::String(raw.clone()),
                    Kind::Bool => toml::Value::Boolean(
                        raw.parse()
                            .map_err(|_| ConfigError(format!("{name}: `{raw}` is not a boolean; use true or false")))?,
                    ),
                    Kind::Int => toml::Value::Integer(
                        raw.parse().map_err(|_| ConfigError(format!("{name}: `{raw}` is not a whole number")))?,
                    ),
                    Kind::Float => toml::Value::Float(
                        raw.parse().map_err(|_| ConfigError(format!("{name}: `{raw}` is not a number")))?,
                    ),
                    Kind::List => toml::Value::Array(
                        raw.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(|s| toml::Value::String(s.into()))
                            .collect(),
                    ),
                };
                set(&mut table, section, key, value);
            }
        }
        if let Some(v) = &flags.listen {
            set(&mut table, "daemon", "listen", toml::Value::String(v.clone()));
        }
        if let Some(v) = &flags.data_dir {
            set(&mut table, "daemon", "data_dir", toml::Value::String(v.display().to_string()));
        }
        if let Some(v) = &flags.log_format {
            set(&mut table, "daemon", "log_format", toml::Value::String(v.clone()));
        }
        let mut config: Config = serde_path_to_error::deserialize(toml::Value::Table(table)).map_err(|e| {
            let path = e.path().to_string();
            ConfigError(format!("invalid config: {}: {}", path, e.into_inner()))
        })?;
        if config.daemon.admin_token.is_none() {
            config.daemon.admin_token = env.get("PULSE_ADMIN_TOKEN").cloned();
        }
        if config.daemon.data_dir.is_none() {
            // systemd's StateDirectory= sets this (colon-separated when there are several).
            config.daemon.data_dir = env
                .get("STATE_DIRECTORY")
                .and_then(|s| s.split(':').next())
                .filter(|s| !s.is_empty())
                .map(PathBuf::from);
        }
        Ok(config)
    }

    /// Checks every value and resolves defaults that depend on the platform.
    pub fn validate(&self) -> Result<Settings, ConfigError> {
        let fe = |field: &str, message: String| ConfigError::from(FieldError { field: field.into(), message });
        let listen = self.daemon.listen.parse().map_err(|_| {
            fe(
                "daemon.listen",
                format!("`{}` is not an address; use host:port, e.g. \"127.0.0.1:8081\"", self.daemon.listen),
            )
        })?;
        let log_format = match self.daemon.log_format.as_str() {
            "pretty" => LogFormat::Pretty,
            "json" => LogFormat::Json,
            other => {
                return Err(fe(
                    "daemon.log_format",
                    format!("`{other}` is not a log format; use \"pretty\" or \"json\""),
                ));
            }
        };
        let data_dir = match &self.daemon.data_dir {
            Some(d) => d.clone(),
            None => crate::dirs::data_dir()
                .ok_or_else(|| fe("daemon.data_dir", "no home directory to default to; set daemon.data_dir".into()))?,
        };
        if self.daemon.admin_token.as_deref().is_some_and(|t| t.len() < 16) {
            return Err(fe("daemon.admin_token", "must be at least 16 characters".into()));
        }
        let encryption_key = self
            .daemon
            .encryption_key
            .as_deref()
            .map(crate::seal::parse_key)
            .transpose()
            .map_err(|m| fe("daemon.encryption_key", format!("{m}; make one with `openssl rand -base64 32`")))?;
        let url = normalize_livekit_url(&self.livekit.url).map_err(|m| fe("livekit.url", m))?;
        if self.livekit.api_key.is_empty() {
            return Err(fe("livekit.api_key", "must not be empty".into()));
        }
        if self.livekit.api_secret.is_empty() {
            return Err(fe("livekit.api_secret", "must not be empty".into()));
        }
        let reconcile_interval = crate::util::parse_duration(&self.livekit.reconcile_interval)
            .map_err(|m| fe("livekit.reconcile_interval", m))?;
        let usage_interval = crate::util::parse_duration(&self.usage.aggregate_interval)
            .map_err(|m| fe("usage.aggregate_interval", m))?;
        let cdn_base_url = match &self.cdn.base_url {
            Some(b) if !(b.starts_with("https://") || b.starts_with("http://")) => {
                return Err(fe(
                    "cdn.base_url",
                    format!("`{b}` must be an http(s):// URL, e.g. \"https://cdn.example.com\""),
                ));
            }
            Some(b) => Some(b.trim_end_matches('/').to_string()),
            None => None,
        };
        let storage = if self.storage.is_empty() { None } else { Some(self.storage.validate("storage.")?) };
        for (key, v) in [
            ("rate_limit.per_ip_per_minute", self.rate_limit.per_ip_per_minute),
            ("rate_limit.per_project_per_minute", self.rate_limit.per_project_per_minute),
        ] {
            if v == 0 {
                return Err(fe(key, "must be at least 1".into()));
            }
        }
        let w = &self.webhooks;
        let retry_schedule = w
            .retry_schedule
            .iter()
            .map(|d| crate::util::parse_duration(d))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| fe("webhooks.retry_schedule", m))?;
        if !(0.0..=1.0).contains(&w.jitter) {
            return Err(fe("webhooks.jitter", format!("{} is not a fraction from 0.0 to 1.0", w.jitter)));
        }
        let timeout = crate::util::parse_duration(&w.timeout).map_err(|m| fe("webhooks.timeout", m))?;
        if timeout.is_zero() {
            return Err(fe("webhooks.timeout", "must be longer than 0".into()));
        }
        let allowed_cidrs = w
            .allowed_cidrs
            .iter()
            .map(|c| c.parse())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|m| fe("webhooks.allowed_cidrs", m))?;
        for (key, v) in [
            ("webhooks.max_in_flight", w.max_in_flight),
            ("webhooks.max_in_flight_per_endpoint", w.max_in_flight_per_endpoint),
            ("webhooks.max_in_flight_per_project", w.max_in_flight_per_project),
            ("webhooks.retention_days", w.retention_days),
        ] {
            if v == 0 {
                return Err(fe(key, "must be at least 1".into()));
            }
        }
        let webhooks = WebhookSettings {
            retry_schedule,
            jitter: w.jitter,
            timeout,
            allow_private_targets: w.allow_private_targets,
            allowed_cidrs,
            retention: Duration::from_secs(u64::from(w.retention_days) * 86_400),
            max_in_flight: w.max_in_flight as usize,
            max_in_flight_per_endpoint: w.max_in_flight_per_endpoint as usize,
            max_in_flight_per_project: w.max_in_flight_per_project as usize,
        };
        let timeout = |key: &str, v: &str| -> Result<Duration, ConfigError> {
            match crate::util::parse_duration(v) {
                Ok(d) if !d.is_zero() => Ok(d),
                Ok(_) => Err(fe(key, "must be longer than 0".into())),
                Err(m) => Err(fe(key, m)),
            }
        };
        if self.daemon.max_connections == 0 {
            return Err(fe("daemon.max_connections", "must be at least 1".into()));
        }
        let connections = crate::daemon::server::Limits {
            max_connections: self.daemon.max_connections as usize,
            header_timeout: timeout("daemon.header_timeout", &self.daemon.header_timeout)?,
            idle_timeout: timeout("daemon.idle_timeout", &self.daemon.idle_timeout)?,
        };
        let body_timeout = timeout("daemon.body_timeout", &self.daemon.body_timeout)?;
        let store = match (self.store.backend.as_str(), &self.store.url) {
            ("sled", _) => crate::store::Backend::Embedded,
            ("postgres", Some(url)) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                if self.store.pool_size == 0 {
                    return Err(fe("store.pool_size", "must be at least 1".into()));
                }
                crate::store::Backend::Postgres { url: url.clone(), pool_size: self.store.pool_size as usize }
            }
            ("postgres", Some(_)) => {
                return Err(fe(
                    "store.url",
                    "must be a postgres:// URL, e.g. \"postgres://pulse:secret@db.internal:5432/pulse\"".into(),
                ));
            }
            ("postgres", None) => {
                return Err(fe(
                    "store.url",
                    "is required when store.backend is \"postgres\" (or set PULSE_STORE_URL)".into(),
                ));
            }
            (other, _) => {
                return Err(fe("store.backend", format!("`{other}` is not a backend; use \"sled\" or \"postgres\"")));
            }
        };
        Ok(Settings {
            connections,
            body_timeout,
            store,
            webhooks,
            listen,
            data_dir,
            admin_token: self.daemon.admin_token.clone(),
            encryption_key,
            log_format,
            livekit: LiveKitSettings {
                url,
                api_key: self.livekit.api_key.clone(),
                api_secret: self.livekit.api_secret.clone(),
                reconcile_interval,
            },
            cdn_base_url,
            storage,
            rate_limit: self.rate_limit.clone(),
            usage_interval,
        })
    }
}

/// What is risky about a valid configuration, as warnings for the daemon to log at start: a
/// config file others can read (it may hold secrets), and LiveKit's development secret used
/// against a LiveKit that is not on this machine.
pub fn warnings(file: Option<&Path>, settings: &Settings) -> Vec<String> {
    let mut out = Vec::new();
    #[cfg(unix)]
    if let Some(path) = file {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            out.push(format!(
                "config file {} is readable by others (mode {:o}) and may hold secrets; `chmod 600` it",
                path.display(),
                meta.permissions().mode() & 0o777
            ));
        }
    }
    let lk = &settings.livekit;
    let local = ["http://localhost", "http://127.", "http://[::1]"].iter().any(|p| lk.url.starts_with(p));
    if lk.api_secret == LiveKitSection::default().api_secret && !local {
        out.push(format!(
            "livekit.api_secret is still the development default (`livekit-server --dev`'s) while LiveKit is at {}; \
             anyone can sign webhooks and tokens with it: set the server's real secret",
            lk.url
        ));
    }
    out
}

/// `ws(s)://` becomes `http(s)://` (all LiveKit SDKs do this); anything else is refused.
pub fn normalize_livekit_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let converted = if let Some(rest) = url.strip_prefix("ws://") {
        format!("http://{rest}")
    } else if let Some(rest) = url.strip_prefix("wss://") {
        format!("https://{rest}")
    } else {
        url.to_string()
    };
    let host = converted.strip_prefix("http://").or_else(|| converted.strip_prefix("https://"));
    match host {
        Some(h) if !h.is_empty() => Ok(converted),
        _ => Err(format!("`{url}` is not a LiveKit URL; use http(s):// or ws(s)://, e.g. \"http://localhost:7880\"")),
    }
}

fn set(table: &mut toml::Table, section: &str, key: &str, value: toml::Value) {
    let entry = table.entry(section.to_string()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if let toml::Value::Table(t) = entry {
        t.insert(key.to_string(), value);
    }
}

/// Environment names earlier deployments used (`config.example.toml` lists them). They sit above the file and below
/// `PULSE_*`, and any R2 alias implies the R2 provider.
fn apply_aliases(table: &mut toml::Table, env: &HashMap<String, String>) {
    let get = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
    if let Some(v) = get("CDN_PLAYBACK_URL") {
        set(table, "cdn", "base_url", toml::Value::String(v));
    }
    let r2 = [
        ("R2_BUCKET_NAME", "bucket"),
        ("R2_REGION", "region"),
        ("R2_ACCESS_KEY_ID", "access_key_id"),
        ("R2_SECRET_ACCESS_KEY", "secret_access_key"),
        ("R2_ENDPOINT", "endpoint"),
    ];
    let mut any = false;
    for (var, key) in r2 {
        if let Some(v) = get(var) {
            set(table, "storage", key, toml::Value::String(v));
            any = true;
        }
    }
    if let Some(account) = get("R2_ACCOUNT_ID") {
        any = true;
        if get("R2_ENDPOINT").is_none() {
            let endpoint = format!("https://{account}.r2.cloudflarestorage.com");
            set(table, "storage", "endpoint", toml::Value::String(endpoint));
        }
    }
    if any {
        set(table, "storage", "provider", toml::Value::String("r2".into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn file(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), text).unwrap();
        f
    }

    #[test]
    fn defaults_are_livekit_dev() {
        let c = Config::load(None, &env(&[]), &Flags::default()).unwrap();
        let s = c.validate().unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:8081");
        assert_eq!((s.livekit.url.as_str(), s.livekit.api_key.as_str()), ("http://localhost:7880", "devkey"));
        assert_eq!(s.livekit.api_secret, "secret");
        assert_eq!(s.livekit.reconcile_interval, Duration::from_secs(30));
        assert_eq!((s.rate_limit.per_ip_per_minute, s.rate_limit.per_project_per_minute), (100, 1000));
        assert!(s.storage.is_none() && s.cdn_base_url.is_none());
    }

    #[test]
    fn file_beats_defaults() {
        let f = file("[livekit]\napi_key = \"filekey\"\n[daemon]\nlisten = \"127.0.0.1:9000\"\n");
        let c = Config::load(Some(f.path()), &env(&[]), &Flags::default()).unwrap();
        assert_eq!(c.livekit.api_key, "filekey");
        assert_eq!(c.daemon.listen, "127.0.0.1:9000");
        assert_eq!(c.livekit.api_secret, "secret", "keys the file leaves out keep their defaults");
    }

    #[test]
    fn env_beats_file() {
        let f = file("[livekit]\napi_key = \"filekey\"\n[rate_limit]\nper_ip_per_minute = 5\n");
        let e = env(&[("PULSE_LIVEKIT_API_KEY", "envkey"), ("PULSE_RATE_LIMIT_PER_IP_PER_MINUTE", "7")]);
        let c = Config::load(Some(f.path()), &e, &Flags::default()).unwrap();
        assert_eq!(c.livekit.api_key, "envkey");
        assert_eq!(c.rate_limit.per_ip_per_minute, 7);
    }

    #[test]
    fn flags_beat_env() {
        let e = env(&[("PULSE_DAEMON_LISTEN", "127.0.0.1:1111"), ("PULSE_DAEMON_DATA_DIR", "/env")]);
        let flags = Flags { listen: Some("127.0.0.1:2222".into()), data_dir: Some("/flag".into()), log_format: None };
        let c = Config::load(None, &e, &flags).unwrap();
        assert_eq!(c.daemon.listen, "127.0.0.1:2222");
        assert_eq!(c.daemon.data_dir.as_deref(), Some(Path::new("/flag")));
    }

    #[test]
    fn aliases_sit_between_file_and_pulse_env() {
        let f = file("[cdn]\nbase_url = \"https://file.example\"\n");
        let e = env(&[
            ("CDN_PLAYBACK_URL", "https://alias.example"),
            ("R2_ACCOUNT_ID", "acct"),
            ("R2_BUCKET_NAME", "media"),
            ("R2_ACCESS_KEY_ID", "ak"),
            ("R2_SECRET_ACCESS_KEY", "sk"),
        ]);
        let s = Config::load(Some(f.path()), &e, &Flags::default()).unwrap().validate().unwrap();
        assert_eq!(s.cdn_base_url.as_deref(), Some("https://alias.example"));
        let st = s.storage.unwrap();
        assert_eq!(st.provider, "r2");
        assert_eq!(st.endpoint.as_deref(), Some("https://acct.r2.cloudflarestorage.com"));
        assert_eq!((st.region.as_str(), st.force_path_style), ("auto", true));
        let mut e2 = e.clone();
        e2.insert("PULSE_CDN_BASE_URL".into(), "https://pulse.example".into());
        let s = Config::load(Some(f.path()), &e2, &Flags::default()).unwrap().validate().unwrap();
        assert_eq!(s.cdn_base_url.as_deref(), Some("https://pulse.example"));
    }

    #[test]
    fn state_directory_and_admin_token_env() {
        let e = env(&[("STATE_DIRECTORY", "/var/lib/pulse:/other"), ("PULSE_ADMIN_TOKEN", "0123456789abcdef")]);
        let s = Config::load(None, &e, &Flags::default()).unwrap().validate().unwrap();
        assert_eq!(s.data_dir, PathBuf::from("/var/lib/pulse"));
        assert_eq!(s.admin_token.as_deref(), Some("0123456789abcdef"));
        let f = file("[daemon]\ndata_dir = \"/from/file\"\n");
        let s = Config::load(Some(f.path()), &e, &Flags::default()).unwrap().validate().unwrap();
        assert_eq!(s.data_dir, PathBuf::from("/from/file"), "the file beats systemd's default");
    }

    #[test]
    fn a_toml_error_says_where_without_quoting_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[livekit]\napi_secret = \"hunter2-very-secret\n").unwrap();
        let e = Config::load(Some(&path), &HashMap::new(), &Flags::default()).unwrap_err();
        assert!(e.0.contains("at line 2"), "{e:?}");
        assert!(!e.0.contains("hunter2"), "{e:?}");
    }

    #[test]
    fn warnings_name_a_readable_config_and_a_development_secret_on_a_remote_livekit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[livekit]\nurl = \"https://lk.example.com\"\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        let env = HashMap::from([("PULSE_ADMIN_TOKEN".to_string(), "0123456789abcdef".to_string())]);
        let s = Config::load(Some(&path), &env, &Flags::default()).unwrap().validate().unwrap();
        let w = warnings(Some(&path), &s);
        assert!(w.iter().any(|w| w.contains("readable by others")), "{w:?}");
        assert!(w.iter().any(|w| w.contains("development default")), "{w:?}");
        let local = Config::default().validate().unwrap();
        assert!(warnings(None, &local).is_empty(), "the dev secret against a local LiveKit is fine");
    }

    #[test]
    fn errors_name_the_key() {
        let f = file("[livekit]\napi_kee = \"x\"\n");
        let e = Config::load(Some(f.path()), &env(&[]), &Flags::default()).unwrap_err();
        assert!(e.0.contains("livekit") && e.0.contains("api_kee"), "{e}");
        let e =
            Config::load(None, &env(&[("PULSE_RATE_LIMIT_PER_IP_PER_MINUTE", "lots")]), &Flags::default()).unwrap_err();
        assert!(e.0.contains("PULSE_RATE_LIMIT_PER_IP_PER_MINUTE"), "{e}");
        let bad = |toml: &str, key: &str| {
            let f = file(toml);
            let e = Config::load(Some(f.path()), &env(&[]), &Flags::default()).unwrap().validate().unwrap_err();
            assert!(e.0.contains(key), "{e} should name {key}");
        };
        bad("[daemon]\nlisten = \"nope\"\n", "daemon.listen");
        bad("[livekit]\nurl = \"ftp://x\"\n", "livekit.url");
        bad("[livekit]\nreconcile_interval = \"soon\"\n", "livekit.reconcile_interval");
        bad(
            "[storage]\nbucket = \"Bad_Bucket\"\nregion = \"us-east-1\"\naccess_key_id = \"a\"\nsecret_access_key = \"b\"\n",
            "storage.bucket",
        );
        bad("[cdn]\nbase_url = \"cdn.example.com\"\n", "cdn.base_url");
    }

    #[test]
    fn websocket_urls_are_converted() {
        assert_eq!(normalize_livekit_url("ws://localhost:7880/").unwrap(), "http://localhost:7880");
        assert_eq!(normalize_livekit_url("wss://x.livekit.cloud").unwrap(), "https://x.livekit.cloud");
        assert!(normalize_livekit_url("localhost:7880").is_err());
    }

    #[test]
    fn example_config_parses_and_matches_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
        let c = Config::load(Some(&path), &env(&[]), &Flags::default()).unwrap();
        // Optional keys are commented out in the example; what it sets must be the defaults.
        assert_eq!(c, Config::default(), "config.example.toml must document the defaults");
    }
}
