//! Small shared helpers: prefixed time-sortable ids, secrets, timestamps and masking.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// A new id such as `eg_01jd…`: a ULID (time-sortable, so newest-first listing is a reverse
/// key scan) made monotonic within a millisecond, lowercased so it reads well in URLs.
pub fn new_id(prefix: &str) -> String {
    static GEN: Mutex<Option<ulid::Generator>> = Mutex::new(None);
    let mut guard = GEN.lock().unwrap_or_else(|e| e.into_inner());
    let generator = guard.get_or_insert_with(ulid::Generator::new);
    // `generate` only fails when 80 random bits overflow within one millisecond.
    let id = generator.generate().unwrap_or_else(|_| ulid::Ulid::new());
    format!("{prefix}_{}", id.to_string().to_lowercase())
}

/// `prefix` followed by 32 random bytes, base64url without padding.
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Lowercase hex SHA-256, how API keys are stored.
pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(data);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Now, as RFC 3339 UTC with millisecond precision.
pub fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// A time as RFC 3339 UTC with millisecond precision.
pub fn rfc3339(t: SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Parses `"250ms"`, `"30s"`, `"6h"`; the error says what a duration looks like.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s.trim())
        .map_err(|e| format!("`{s}` is not a duration ({e}); use e.g. \"250ms\", \"30s\", \"5m\", \"6h\""))
}

/// `****wxyz`: enough of a secret to tell two apart, never enough to use one.
pub fn mask_tail(secret: &str) -> String {
    let tail: String = secret.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    if secret.chars().count() <= 8 { "****".to_string() } else { format!("****{tail}") }
}

/// `rtmp://a.example/live/KEY` → `rtmp://a.example/live/****`: what can carry a stream key
/// or a password is masked — the last non-empty path segment (the key for YouTube, Twitch,
/// Facebook and the rest), a password in the userinfo, and the query and fragment, dropped
/// whole. The URL is split by hand, as RFC 3986 reads it, so no form of it slips past.
pub fn mask_rtmp_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "****".into();
    };
    // The query or fragment starts at the first `?` or `#`, whatever follows them.
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{user}:****@{host}"),
            None => format!("****@{host}"),
        },
        None => authority.to_string(),
    };
    let mut segments: Vec<&str> = path.split('/').collect();
    if let Some(last) = segments.iter_mut().rev().find(|s| !s.is_empty()) {
        *last = "****";
    }
    format!("{scheme}://{authority}{}", segments.join("/"))
}

/// Percent-encodes one URL path segment (RFC 3986 unreserved characters stay as they are).
pub fn encode_path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_prefixed_sortable_and_unique() {
        let a = new_id("eg");
        let b = new_id("eg");
        assert!(a.starts_with("eg_") && a.len() == 29, "{a}");
        assert!(b > a, "later ids sort after earlier ones: {a} {b}");
    }

    #[test]
    fn masks_keep_no_secret() {
        assert_eq!(mask_rtmp_url("rtmp://a.example/live/abcd1234"), "rtmp://a.example/live/****");
        assert_eq!(mask_rtmp_url("rtmps://x.y:443/app/k?x=1"), "rtmps://x.y:443/app/****");
        // The forms the hardening probe found leaking (issue 7, item 4).
        for (url, masked) in [
            ("rtmp://a.example/live/KEY/", "rtmp://a.example/live/****/"),
            ("rtmp://h/KEY?x=1/", "rtmp://h/****"),
            ("rtmps://h/live/KEY#f/", "rtmps://h/live/****"),
            ("rtmp://user:PASS@h/live/k", "rtmp://user:****@h/live/****"),
            ("rtmp://KEYASUSER@h/live/k", "rtmp://****@h/live/****"),
            ("rtmp://h/live//KEY//", "rtmp://h/live//****//"),
            ("rtmp://h?KEY", "rtmp://h"),
            ("rtmp://h#KEY", "rtmp://h"),
            ("rtmp://h/live/KEY?a=b#c", "rtmp://h/live/****"),
        ] {
            let m = mask_rtmp_url(url);
            assert_eq!(m, masked, "{url}");
            assert!(!m.contains("KEY") && !m.contains("PASS"), "{url} → {m}");
        }
        assert_eq!(mask_tail("sk_abcdefghwxyz"), "****wxyz");
        assert_eq!(mask_tail("short"), "****");
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(encode_path_segment("live-event_2025.x"), "live-event_2025.x");
    }
}
