//! Reads the object store (S3, R2, MinIO) to check what an egress uploaded: an MP4 is there
//! and not empty; an HLS playlist is there, names at least one segment, and every segment it
//! names is there and not empty. Requests are presigned with SigV4 by `rusty-s3` and sent with
//! pulse's one HTTP client; nothing here writes.

use std::collections::HashMap;
use std::time::Duration;

use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

use crate::media::Storage;

/// How long one request to the store may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a presigned URL lives: only as long as the request it is made for.
const SIGNED_FOR: Duration = Duration::from_secs(60);
/// The largest playlist pulse reads (a day of 2 s segments is well under 1 MiB).
const MAX_PLAYLIST: usize = 16 << 20;
/// Listing pages read at most (1,000 keys each).
const MAX_PAGES: usize = 1_000;

/// What the store holds for a recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Bytes: the MP4, or the playlist and everything beside it.
    pub size_bytes: u64,
    /// HLS: the segments the playlist names.
    pub segments: Option<u32>,
}

/// Why a check did not find a usable recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// The store answered, and what should be there is not (or is empty): final.
    Missing(String),
    /// The store could not be asked (unreachable, timed out, 5xx, refused credentials):
    /// worth asking again later.
    Unreachable(String),
}

/// A client for checking objects.
#[derive(Clone)]
pub struct Objects {
    http: reqwest::Client,
}

impl Default for Objects {
    fn default() -> Self {
        Objects { http: crate::http_client(CALL_TIMEOUT) }
    }
}

/// The bucket `storage` names: its endpoint, or AWS's for its region.
fn bucket(storage: &Storage) -> Result<Bucket, CheckError> {
    let endpoint = storage.endpoint.clone().unwrap_or_else(|| format!("https://s3.{}.amazonaws.com", storage.region));
    let url = endpoint.parse().map_err(|e| CheckError::Unreachable(format!("storage.endpoint: {e}")))?;
    let style = if storage.force_path_style { UrlStyle::Path } else { UrlStyle::VirtualHost };
    Bucket::new(url, style, storage.bucket.clone(), storage.region.clone())
        .map_err(|e| CheckError::Unreachable(format!("storage.endpoint: {e}")))
}

fn credentials(storage: &Storage) -> Credentials {
    Credentials::new(storage.access_key_id.clone(), storage.secret_access_key.clone())
}

/// The directory part of a key, with its slash (`a/b/` of `a/b/index.m3u8`).
fn dir_of(key: &str) -> &str {
    key.rfind('/').map_or("", |i| &key[..=i])
}

/// The keys of the segments an HLS playlist names, resolved against the playlist's directory.
/// A full URL is taken by its file name, which is how egress writes them beside the playlist.
pub fn playlist_segments(playlist_key: &str, text: &str) -> Vec<String> {
    let dir = dir_of(playlist_key);
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|uri| {
            let uri = uri.split(['?', '#']).next().unwrap_or(uri);
            if uri.contains("://") {
                format!("{dir}{}", uri.rsplit('/').next().unwrap_or(uri))
            } else {
                format!("{dir}{}", uri.trim_start_matches("./"))
            }
        })
        .collect()
}

/// A store's answer that is not what was asked: 404 is an answer about the object, anything
/// else says the store could not be asked.
fn status_error(what: &str, key: &str, status: reqwest::StatusCode, bucket: &str) -> CheckError {
    match status.as_u16() {
        404 => CheckError::Missing(format!("{what} `{key}` is not in bucket `{bucket}`")),
        401 | 403 => CheckError::Unreachable(format!(
            "the store refused pulse's credentials ({status}) reading `{key}`; check storage.access_key_id and storage.secret_access_key"
        )),
        _ => CheckError::Unreachable(format!("the store answered {status} reading `{key}`")),
    }
}

fn unreachable(e: reqwest::Error) -> CheckError {
    if e.is_timeout() {
        CheckError::Unreachable(format!("the store did not answer within {} s", CALL_TIMEOUT.as_secs()))
    } else {
        CheckError::Unreachable(format!("cannot reach the store: {}", crate::root_cause(&e)))
    }
}

impl Objects {
    /// Checks an MP4 (or any single object): there, and not empty.
    pub async fn check_file(&self, storage: &Storage, key: &str) -> Result<Found, CheckError> {
        let bucket = bucket(storage)?;
        let creds = credentials(storage);
        let url = bucket.head_object(Some(&creds), key).sign(SIGNED_FOR);
        let res = self.http.head(url.as_str()).send().await.map_err(unreachable)?;
        if !res.status().is_success() {
            return Err(status_error("the file", key, res.status(), &storage.bucket));
        }
        let size = res
            .headers()
            .get(reqwest::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        if size == 0 {
            return Err(CheckError::Missing(format!("the file `{key}` is empty (0 bytes)")));
        }
        Ok(Found { size_bytes: size, segments: None })
    }

    /// Checks an HLS recording: the playlist is there and is a playlist, it names at least one
    /// segment, and every segment it names is there and not empty.
    pub async fn check_hls(&self, storage: &Storage, playlist_key: &str) -> Result<Found, CheckError> {
        let bucket = bucket(storage)?;
        let creds = credentials(storage);
        let text = self.read_playlist(&bucket, &creds, storage, playlist_key).await?;
        if !text.trim_start().starts_with("#EXTM3U") {
            return Err(CheckError::Missing(format!("`{playlist_key}` is not an HLS playlist (no #EXTM3U)")));
        }
        let named = playlist_segments(playlist_key, &text);
        if named.is_empty() {
            return Err(CheckError::Missing(format!("the playlist `{playlist_key}` names no segments")));
        }
        let listed = self.list(&bucket, &creds, dir_of(playlist_key)).await?;
        let absent: Vec<&String> = named.iter().filter(|k| listed.get(*k).is_none_or(|&size| size == 0)).collect();
        if let Some(first) = absent.first() {
            return Err(CheckError::Missing(format!(
                "{} of the {} segments the playlist names {} missing or empty, the first `{first}`",
                absent.len(),
                named.len(),
                if absent.len() == 1 { "is" } else { "are" },
            )));
        }
        Ok(Found { size_bytes: listed.values().sum(), segments: Some(named.len() as u32) })
    }

    async fn read_playlist(
        &self,
        bucket: &Bucket,
        creds: &Credentials,
        storage: &Storage,
        key: &str,
    ) -> Result<String, CheckError> {
        let url = bucket.get_object(Some(creds), key).sign(SIGNED_FOR);
        let mut res = self.http.get(url.as_str()).send().await.map_err(unreachable)?;
        if !res.status().is_success() {
            return Err(status_error("the playlist", key, res.status(), &storage.bucket));
        }
        let mut body = Vec::new();
        while let Some(chunk) = res.chunk().await.map_err(unreachable)? {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_PLAYLIST {
                return Err(CheckError::Missing(format!("the playlist `{key}` is larger than 16 MiB")));
            }
        }
        if body.is_empty() {
            return Err(CheckError::Missing(format!("the playlist `{key}` is empty (0 bytes)")));
        }
        String::from_utf8(body).map_err(|_| CheckError::Missing(format!("the playlist `{key}` is not text")))
    }

    /// Every key under `prefix` and its size.
    async fn list(
        &self,
        bucket: &Bucket,
        creds: &Credentials,
        prefix: &str,
    ) -> Result<HashMap<String, u64>, CheckError> {
        let mut out = HashMap::new();
        let mut token: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut action = bucket.list_objects_v2(Some(creds));
            action.with_prefix(prefix);
            if let Some(t) = &token {
                action.with_continuation_token(t.clone());
            }
            let url = action.sign(SIGNED_FOR);
            let res = self.http.get(url.as_str()).send().await.map_err(unreachable)?;
            if !res.status().is_success() {
                return Err(status_error("the folder", prefix, res.status(), bucket.name()));
            }
            let text = res.text().await.map_err(unreachable)?;
            let page = rusty_s3::actions::ListObjectsV2::parse_response(&text).map_err(|e| {
                CheckError::Unreachable(format!("the store's listing of `{prefix}` is unreadable: {e}"))
            })?;
            out.extend(page.contents.into_iter().map(|c| (c.key, c.size)));
            token = page.next_continuation_token;
            if token.is_none() {
                break;
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_resolve_beside_the_playlist() {
        let text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXTINF:6.0,\nsegment_00000.ts\n#EXTINF:6.0,\n./segment_00001.ts?x=1\n\nhttps://cdn.example/p/hls/r/segment_00002.ts\n#EXT-X-ENDLIST\n";
        assert_eq!(
            playlist_segments("p/hls/r/index.m3u8", text),
            ["p/hls/r/segment_00000.ts", "p/hls/r/segment_00001.ts", "p/hls/r/segment_00002.ts"]
        );
        assert!(playlist_segments("index.m3u8", "#EXTM3U\n#EXT-X-ENDLIST\n").is_empty());
    }

    #[test]
    fn not_found_is_missing_and_the_rest_is_worth_retrying() {
        let s = |code| status_error("the file", "k", reqwest::StatusCode::from_u16(code).unwrap(), "b");
        assert!(matches!(s(404), CheckError::Missing(_)));
        assert!(matches!(s(403), CheckError::Unreachable(m) if m.contains("storage.access_key_id")));
        assert!(matches!(s(503), CheckError::Unreachable(_)));
    }
}
