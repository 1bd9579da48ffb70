//! CDN URLs and object-storage settings (`config.example.toml` `[storage]` and `[cdn]`): where egress uploads, and the public URLs
//! that serve exactly those objects.

use serde::{Deserialize, Serialize};

use crate::util::encode_path_segment;

/// S3/R2 upload settings. `Debug` redacts the credentials; nothing serializes them back out
/// except the LiveKit request built in `livekit::models`.
#[derive(Clone, Default, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StorageConfig {
    pub provider: Option<String>,
    pub bucket: Option<String>,
    pub region: Option<String>,
    pub endpoint: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    pub force_path_style: Option<bool>,
}

impl std::fmt::Debug for StorageConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StorageConfig")
            .field("provider", &self.provider)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("access_key_id", &self.access_key_id.as_ref().map(|_| "<redacted>"))
            .field("secret_access_key", &self.secret_access_key.as_ref().map(|_| "<redacted>"))
            .field("force_path_style", &self.force_path_style)
            .finish()
    }
}

/// What answers may show of a storage configuration: everything but the credentials.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
pub struct StorageView {
    pub provider: String,
    pub bucket: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub force_path_style: bool,
}

/// A storage configuration that passed validation.
#[derive(Clone, PartialEq)]
pub struct Storage {
    pub provider: String,
    pub bucket: String,
    pub region: String,
    pub endpoint: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub force_path_style: bool,
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Storage({} {} {})", self.provider, self.bucket, self.region)
    }
}

impl Storage {
    /// The credential-free view answers carry.
    pub fn view(&self) -> StorageView {
        StorageView {
            provider: self.provider.clone(),
            bucket: self.bucket.clone(),
            region: self.region.clone(),
            endpoint: self.endpoint.clone(),
            force_path_style: self.force_path_style,
        }
    }
}

/// A validation failure that names the offending key and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

fn err(prefix: &str, key: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: format!("{prefix}{key}"), message: message.into() }
}

impl StorageConfig {
    /// True when nothing at all is set (no storage configured).
    pub fn is_empty(&self) -> bool {
        *self == StorageConfig::default()
    }

    /// Checks every key and fills provider defaults (R2: region `auto`, path-style).
    /// `prefix` is how the caller names the section (`storage.` in config, `storage.` in API).
    pub fn validate(&self, prefix: &str) -> Result<Storage, FieldError> {
        let provider = self.provider.clone().unwrap_or_else(|| "s3".into());
        if provider != "s3" && provider != "r2" {
            return Err(err(prefix, "provider", format!("`{provider}` is not a provider; use \"s3\" or \"r2\"")));
        }
        let r2 = provider == "r2";
        let bucket = self.bucket.clone().unwrap_or_default();
        if bucket.is_empty() {
            return Err(err(prefix, "bucket", "is required when storage is configured"));
        }
        validate_bucket(&bucket, r2).map_err(|m| err(prefix, "bucket", m))?;
        let region = match (&self.region, r2) {
            (Some(r), _) if !r.is_empty() => r.clone(),
            (_, true) => "auto".into(),
            (_, false) => return Err(err(prefix, "region", "is required for s3 (e.g. \"us-east-1\")")),
        };
        if r2 && region != "auto" {
            return Err(err(prefix, "region", format!("R2 uses region \"auto\", not `{region}`")));
        }
        if !region.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(err(prefix, "region", format!("`{region}` is not a region name (e.g. \"us-east-1\")")));
        }
        let endpoint = self.endpoint.clone().filter(|e| !e.is_empty());
        match &endpoint {
            None if r2 => {
                return Err(err(
                    prefix,
                    "endpoint",
                    "is required for r2: https://<account_id>.r2.cloudflarestorage.com",
                ));
            }
            Some(e) => check_endpoint(e).map_err(|m| err(prefix, "endpoint", m))?,
            _ => {}
        }
        let access_key_id = self.access_key_id.clone().unwrap_or_default();
        if access_key_id.is_empty() {
            return Err(err(prefix, "access_key_id", "is required when storage is configured"));
        }
        let secret_access_key = self.secret_access_key.clone().unwrap_or_default();
        if secret_access_key.is_empty() {
            return Err(err(prefix, "secret_access_key", "is required when storage is configured"));
        }
        Ok(Storage {
            provider,
            bucket,
            region,
            endpoint,
            access_key_id,
            secret_access_key,
            force_path_style: self.force_path_style.unwrap_or(r2),
        })
    }
}

/// An endpoint is `https://`, or `http://` on a host that cannot be on the public internet: a
/// loopback or private IP address, `localhost`, or a name without a dot (a container's or a LAN
/// host's, such as a local MinIO). Credentials sent in the clear stay off public networks.
fn check_endpoint(e: &str) -> Result<(), String> {
    let url = reqwest::Url::parse(e).map_err(|_| format!("`{e}` is not a URL (e.g. \"https://s3.example.com\")"))?;
    let host = match url.host_str() {
        Some(h) if url.username().is_empty() && url.password().is_none() => h,
        Some(_) => return Err("must not hold credentials; use access_key_id and secret_access_key".into()),
        None => return Err(format!("`{e}` has no host")),
    };
    if url.path() != "/" || url.query().is_some() {
        return Err(format!("`{e}` must be the server's address only, without a path (the bucket is `bucket`)"));
    }
    let internal = match host.trim_start_matches('[').trim_end_matches(']').parse::<std::net::IpAddr>() {
        Ok(ip) => !crate::ssrf::is_public(ip),
        Err(_) => host == "localhost" || host.ends_with(".localhost") || !host.contains('.'),
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if internal => Ok(()),
        "http" => Err(format!(
            "`{e}` must be https:// (http:// is allowed only for a loopback or private address, such as a local MinIO)"
        )),
        _ => Err(format!("`{e}` must be an https:// URL")),
    }
}

/// S3 bucket naming rules (and R2's stricter subset: no dots).
pub fn validate_bucket(name: &str, r2: bool) -> Result<(), String> {
    let bad = |why: &str| Err(format!("`{name}` is not a valid bucket name: {why}"));
    if !(3..=63).contains(&name.len()) {
        return bad("it must be 3 to 63 characters long");
    }
    if !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || (b == b'.' && !r2)) {
        return bad(if r2 {
            "use only lowercase letters, digits and hyphens"
        } else {
            "use only lowercase letters, digits, dots and hyphens"
        });
    }
    let first = name.as_bytes()[0];
    let last = name.as_bytes()[name.len() - 1];
    if !first.is_ascii_alphanumeric() || !last.is_ascii_alphanumeric() {
        return bad("it must begin and end with a letter or digit");
    }
    if name.contains("..") {
        return bad("it must not contain two dots in a row");
    }
    if name.parse::<std::net::Ipv4Addr>().is_ok() {
        return bad("it must not look like an IP address");
    }
    if name.starts_with("xn--") || name.ends_with("-s3alias") || name.ends_with("--ol-s3") {
        return bad("the prefix xn-- and the suffixes -s3alias and --ol-s3 are reserved");
    }
    Ok(())
}

/// Where one egress output lives: the object key egress uploads to and the CDN URL serving it.
/// Both are built from the same path parts so they always agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputPaths {
    /// HLS: the playlist key; file: the MP4 key.
    pub object_key: String,
    /// HLS only: the prefix segment keys start with.
    pub segment_prefix: Option<String>,
    /// HLS only: the live playlist key.
    pub live_playlist_key: Option<String>,
    /// The CDN URL of `object_key`, when a CDN is configured.
    pub url: Option<String>,
}

/// A filename as path segments, each encoded: a restarted recording's part is
/// `<filename>/part-<n>` (see `core::egress::check_filename`).
fn encode_filename(filename: &str) -> String {
    filename.split('/').map(encode_path_segment).collect::<Vec<_>>().join("/")
}

/// `<project>/hls/<filename>/index.m3u8`, segments beside it.
pub fn hls_paths(cdn_base: Option<&str>, project_id: &str, filename: &str) -> OutputPaths {
    let dir = format!("{}/hls/{}", encode_path_segment(project_id), encode_filename(filename));
    OutputPaths {
        object_key: format!("{dir}/index.m3u8"),
        segment_prefix: Some(format!("{dir}/segment")),
        live_playlist_key: Some(format!("{dir}/live.m3u8")),
        url: cdn_base.map(|b| format!("{}/{dir}/index.m3u8", b.trim_end_matches('/'))),
    }
}

/// `<project>/recordings/<filename>.mp4`.
pub fn file_paths(cdn_base: Option<&str>, project_id: &str, filename: &str) -> OutputPaths {
    let key = format!("{}/recordings/{}.mp4", encode_path_segment(project_id), encode_filename(filename));
    OutputPaths {
        url: cdn_base.map(|b| format!("{}/{key}", b.trim_end_matches('/'))),
        object_key: key,
        segment_prefix: None,
        live_playlist_key: None,
    }
}

/// `<project>/images/<filename>/snapshot`: image snapshots are that prefix and LiveKit's
/// numbered suffix (`_00000.jpeg`, `_00001.jpeg`, …).
pub fn images_prefix(project_id: &str, filename: &str) -> String {
    format!("{}/images/{}/snapshot", encode_path_segment(project_id), encode_filename(filename))
}

/// The key of snapshot `index` (from 0) under `prefix`, as LiveKit's `IMAGE_SUFFIX_INDEX` names it.
pub fn image_key(prefix: &str, index: u64) -> String {
    format!("{prefix}_{index:05}.jpeg")
}

/// The key an egress with `output` and `filename` uploads to: the HLS playlist or the MP4 (an
/// RTMP egress uploads nothing). Here, below both the recording checks and the API views,
/// which both name it.
pub fn object_key(output: crate::model::OutputType, project_id: &str, filename: Option<&str>) -> Option<String> {
    use crate::model::OutputType;
    let filename = filename?;
    Some(match output {
        OutputType::Hls => hls_paths(None, project_id, filename).object_key,
        OutputType::File => file_paths(None, project_id, filename).object_key,
        OutputType::Rtmp | OutputType::Images => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r2() -> StorageConfig {
        StorageConfig {
            provider: Some("r2".into()),
            bucket: Some("media".into()),
            endpoint: Some("https://acct.r2.cloudflarestorage.com".into()),
            access_key_id: Some("AK".into()),
            secret_access_key: Some("SK".into()),
            ..Default::default()
        }
    }

    #[test]
    fn cdn_urls_mirror_object_keys() {
        let p = hls_paths(Some("https://cdn.pulse.io/"), "prj_1", "live-event-2025");
        assert_eq!(p.object_key, "prj_1/hls/live-event-2025/index.m3u8");
        assert_eq!(p.url.as_deref(), Some("https://cdn.pulse.io/prj_1/hls/live-event-2025/index.m3u8"));
        assert_eq!(p.segment_prefix.as_deref(), Some("prj_1/hls/live-event-2025/segment"));
        let f = file_paths(Some("https://cdn.pulse.io"), "prj_1", "rec.v2");
        assert_eq!(f.url.as_deref(), Some("https://cdn.pulse.io/prj_1/recordings/rec.v2.mp4"));
        assert_eq!(file_paths(None, "prj_1", "x").url, None);
    }

    #[test]
    fn r2_defaults_and_rules() {
        let s = r2().validate("storage.").unwrap();
        assert_eq!((s.region.as_str(), s.force_path_style), ("auto", true));
        let mut c = r2();
        c.region = Some("us-east-1".into());
        assert_eq!(c.validate("storage.").unwrap_err().field, "storage.region");
        let mut c = r2();
        c.endpoint = Some("http://acct.r2.cloudflarestorage.com".into());
        assert_eq!(c.validate("storage.").unwrap_err().field, "storage.endpoint");
        for local in [
            "http://127.0.0.1:9000",
            "http://10.1.2.3:9000",
            "http://[::1]:9000",
            "http://minio:9000",
            "http://localhost:9000",
        ] {
            c.endpoint = Some(local.into());
            assert!(c.validate("storage.").is_ok(), "{local} is a local store");
        }
        for bad in
            ["http://8.8.8.8:9000", "ftp://10.0.0.1", "https://s3.example.com/bucket", "https://u:p@s3.example.com"]
        {
            c.endpoint = Some(bad.into());
            assert_eq!(c.validate("storage.").unwrap_err().field, "storage.endpoint", "{bad}");
        }
        let mut c = r2();
        c.secret_access_key = None;
        assert_eq!(c.validate("storage.").unwrap_err().field, "storage.secret_access_key");
        let mut c = r2();
        c.bucket = Some("my.bucket".into());
        assert_eq!(c.validate("storage.").unwrap_err().field, "storage.bucket");
    }

    #[test]
    fn bucket_names() {
        for ok in ["abc", "my-bucket-1", "a.b.c"] {
            assert!(validate_bucket(ok, false).is_ok(), "{ok}");
        }
        for bad in ["ab", "Abc", "-abc", "abc-", "a..b", "192.168.1.1", "xn--abc", "x-s3alias", &"a".repeat(64)] {
            assert!(validate_bucket(bad, false).is_err(), "{bad}");
        }
        assert!(validate_bucket("a.b", true).is_err());
    }

    #[test]
    fn debug_never_shows_credentials() {
        let s = format!("{:?} {:?}", r2(), r2().validate("").unwrap());
        assert!(!s.contains("SK") && !s.contains("\"AK\""), "{s}");
    }
}
