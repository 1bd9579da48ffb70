//! The HTTP client every command uses to talk to a control plane (the local daemon or a
//! remote one speaking the API of `docs/openapi.json`). Non-2xx answers become `CliError::Api`.

use std::time::Duration;

use serde::{Serialize, de::DeserializeOwned};

use crate::api::ErrorBody;
use crate::error::CliError;

/// Which credential a call needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `X-Pulse-Key`.
    Project,
    /// `Authorization: Bearer <admin token>`.
    Admin,
    /// The project key if there is one, else the admin token.
    Any,
}

/// How often a write is sent again, with its idempotency key, and how long to wait before
/// each: after a connection lost mid-request (the key makes that safe: the daemon answers
/// again or says it is still answering), and after an answer that asks for it (429, or 503
/// with `Retry-After`: the store was busy or away, nothing ran). Not after LiveKit failed
/// (502, 503 without `Retry-After`): LiveKit may have started what timed out.
const RETRY_WAITS: [Duration; 3] = [Duration::from_millis(500), Duration::from_secs(1), Duration::from_secs(2)];

/// A connection to one control plane.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    api_key: Option<String>,
    admin_token: Option<String>,
    /// This invocation's idempotency key (`PULSE_IDEMPOTENCY_KEY`, else a new ULID); the nth
    /// write sends `<key>-<n>`, the same on each of its retries.
    invocation: String,
    writes: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

/// True for URLs on this machine: an unreachable one most likely means no daemon is running.
pub fn is_local(url: &str) -> bool {
    let host = url.split("://").nth(1).unwrap_or(url);
    ["127.", "localhost", "[::1]"].iter().any(|p| host.starts_with(p))
}

impl Client {
    /// A client for `base` (e.g. `http://127.0.0.1:8081`).
    pub fn new(base: &str, api_key: Option<String>, admin_token: Option<String>) -> Self {
        Client {
            http: crate::http_client(Duration::from_secs(60)),
            base: base.trim_end_matches('/').to_string(),
            api_key,
            admin_token,
            invocation: std::env::var("PULSE_IDEMPOTENCY_KEY")
                .ok()
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| ulid::Ulid::new().to_string()),
            writes: Default::default(),
        }
    }

    /// The control plane's URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `GET path`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, auth: Auth) -> Result<T, CliError> {
        self.send(self.http.get(self.url(path)), auth).await
    }

    /// `POST path` with a JSON body.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        auth: Auth,
    ) -> Result<T, CliError> {
        let n = self.writes.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let key = format!("{}-{n}", self.invocation);
        let req = self.http.post(self.url(path)).header("Idempotency-Key", key).json(body);
        for wait in RETRY_WAITS {
            let Some(again) = req.try_clone() else { break };
            match self.exchange(again, auth).await {
                Err(Retry::Again) => tokio::time::sleep(wait).await,
                Ok(answer) => return answer,
                Err(Retry::Fail(e)) => return Err(e),
            }
        }
        self.send(req, auth).await
    }

    /// One attempt of a write: its answer, or whether sending it again may help.
    async fn exchange<T: DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
        auth: Auth,
    ) -> Result<Result<T, CliError>, Retry> {
        let req = self.authorize(req, auth).map_err(Retry::Fail)?;
        let resp = match req.send().await {
            Ok(r) => r,
            // Refused or unreachable: nothing was sent, and waiting rarely helps.
            Err(e) if e.is_connect() => return Err(Retry::Fail(self.unreachable(&e))),
            Err(_) => return Err(Retry::Again),
        };
        let status = resp.status().as_u16();
        if status == 429 || (status == 503 && resp.headers().contains_key("retry-after")) {
            return Err(Retry::Again);
        }
        Ok(self.read(resp).await)
    }

    /// `PATCH path` with a JSON body (the same change twice is the same: sent once).
    pub async fn patch<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        auth: Auth,
    ) -> Result<T, CliError> {
        self.send(self.http.patch(self.url(path)).json(body), auth).await
    }

    /// `PUT path` with a JSON body (idempotent by its nature: sent once).
    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        auth: Auth,
    ) -> Result<T, CliError> {
        self.send(self.http.put(self.url(path)).json(body), auth).await
    }

    /// `DELETE path`.
    pub async fn delete<T: DeserializeOwned>(&self, path: &str, auth: Auth) -> Result<T, CliError> {
        self.send(self.http.delete(self.url(path)), auth).await
    }

    /// `GET path` as Server-Sent Events, read one `data` payload at a time.
    pub async fn events(&self, path: &str) -> Result<EventStream, CliError> {
        Ok(EventStream { resp: self.stream(path).await?, buf: String::new() })
    }

    /// `GET path` as a long-lived stream (Server-Sent Events): no overall timeout.
    pub async fn stream(&self, path: &str) -> Result<reqwest::Response, CliError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| CliError::Other(e.to_string()))?;
        let req = self.authorize(http.get(self.url(path)).header("accept", "text/event-stream"), Auth::Project)?;
        let resp = req.send().await.map_err(|e| CliError::Unreachable {
            url: self.base.clone(),
            reason: crate::root_cause(&e),
            local: is_local(&self.base),
        })?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status().as_u16();
        let body = resp.bytes().await.unwrap_or_default();
        Err(self.api_error(status, &body))
    }

    /// A non-2xx answer as `CliError::Api`, with the control plane's message when it sent one.
    fn api_error(&self, status: u16, body: &[u8]) -> CliError {
        match serde_json::from_slice::<ErrorBody>(body) {
            Ok(b) => CliError::Api { status, code: b.error.code, message: b.error.message, field: b.error.field },
            Err(_) => CliError::Api {
                status,
                code: "unknown".into(),
                message: format!("HTTP {status} from {}: {}", self.base, String::from_utf8_lossy(body).trim()),
                field: None,
            },
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorize(&self, req: reqwest::RequestBuilder, auth: Auth) -> Result<reqwest::RequestBuilder, CliError> {
        let no_key = || {
            CliError::Auth("no API key: pass --api-key, set PULSE_API_KEY, or save one with `pulse context add NAME --url URL --api-key KEY`".into())
        };
        let no_admin = || {
            CliError::Auth(
                "no admin token: set PULSE_ADMIN_TOKEN (a local daemon's is in <data_dir>/admin_token)".into(),
            )
        };
        match auth {
            Auth::Project => Ok(req.header("X-Pulse-Key", self.api_key.as_deref().ok_or_else(no_key)?)),
            Auth::Admin => Ok(req.bearer_auth(self.admin_token.as_deref().ok_or_else(no_admin)?)),
            Auth::Any => match (&self.api_key, &self.admin_token) {
                (Some(k), _) => Ok(req.header("X-Pulse-Key", k)),
                (None, Some(t)) => Ok(req.bearer_auth(t)),
                (None, None) => Err(no_key()),
            },
        }
    }

    fn unreachable(&self, e: &reqwest::Error) -> CliError {
        CliError::Unreachable { url: self.base.clone(), reason: crate::root_cause(e), local: is_local(&self.base) }
    }

    async fn send<T: DeserializeOwned>(&self, req: reqwest::RequestBuilder, auth: Auth) -> Result<T, CliError> {
        let req = self.authorize(req, auth)?;
        let resp = req.send().await.map_err(|e| self.unreachable(&e))?;
        self.read(resp).await
    }

    /// An answer as `T`, or its error.
    async fn read<T: DeserializeOwned>(&self, resp: reqwest::Response) -> Result<T, CliError> {
        let status = resp.status().as_u16();
        let body = resp.bytes().await.map_err(|e| self.unreachable(&e))?;
        if (200..300).contains(&status) {
            return serde_json::from_slice(&body).map_err(|e| {
                CliError::Other(format!("the control plane at {} sent an unexpected answer: {e}", self.base))
            });
        }
        Err(self.api_error(status, &body))
    }
}

/// Why one attempt of a write gave no answer to return.
enum Retry {
    /// Send it again (same key) after a wait.
    Again,
    Fail(CliError),
}

/// A Server-Sent Events stream.
pub struct EventStream {
    resp: reqwest::Response,
    buf: String,
}

impl EventStream {
    /// The next event's `data` (keep-alive comments skipped); `None` when the stream ends.
    pub async fn next_data(&mut self) -> Result<Option<String>, CliError> {
        loop {
            if let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let data: String = block.lines().filter_map(|l| l.strip_prefix("data:")).map(str::trim_start).collect();
                if !data.is_empty() {
                    return Ok(Some(data));
                }
                continue;
            }
            match self.resp.chunk().await.map_err(|e| CliError::Other(crate::error_chain(&e)))? {
                Some(chunk) => self.buf.push_str(&String::from_utf8_lossy(&chunk)),
                None => return Ok(None),
            }
        }
    }
}
