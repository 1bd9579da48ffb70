//! The `Idempotency-Key` header on the routes that start or create something: the handler
//! runs once per key, and a request sent again with its key gets the first answer again, byte
//! for byte, marked `Idempotent-Replayed: true`. The rules are the core's
//! (`core::idempotency`); this only carries answers in and out of HTTP.

use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::BodyExt;
use serde::Serialize;
use warp::Filter;
use warp::http::{HeaderValue, StatusCode};
use warp::path::FullPath;
use warp::reply::Response;

use super::AppState;
use super::auth::{Caller, Who};
use super::reject::{ApiError, reply};
use crate::core::idempotency::{Begin, fingerprint};

/// The header's name.
const HEADER: &str = "idempotency-key";

/// What identifies a write beside its body: its path (every idempotent route is a POST) and
/// the key it carries, if any.
pub fn request() -> impl Filter<Extract = (FullPath, Option<String>), Error = warp::Rejection> + Clone {
    warp::path::full().and(warp::header::optional::<String>(HEADER))
}

/// Runs `handler` for the POST to `path` with `body` under `key` (none: just runs it), on a
/// route that takes `who`'s credential.
pub async fn run<F, Fut, T>(
    st: Arc<AppState>,
    caller: Caller,
    who: Who,
    path: FullPath,
    key: Option<String>,
    body: Bytes,
    handler: F,
) -> Response
where
    F: FnOnce(Arc<AppState>, Caller, Bytes) -> Fut,
    Fut: Future<Output = Result<(StatusCode, T), ApiError>>,
    T: Serialize,
{
    // Whose key it is; a caller with no working credential gets the handler's own refusal.
    let (Some(key), Some(owner)) = (key, st.owner(&caller, who).await) else {
        return reply(handler(st, caller, body).await);
    };
    let fp = fingerprint("POST", path.as_str(), &body);
    let reservation = match st.core.idempotency_begin(&owner, &key, &fp).await {
        Ok(Begin::Run(r)) => r,
        Ok(Begin::Replay { status, body }) => return replayed(status, body),
        Err(e) => return reply::<()>(Err(e.into())),
    };
    let (parts, answer) = reply(handler(st.clone(), caller, body).await).into_parts();
    let bytes = match answer.collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            let _ = st.core.idempotency_release(reservation).await;
            return reply::<()>(Err(ApiError::internal("could not read an idempotent answer", e)));
        }
    };
    if let Err(e) = st.core.idempotency_finish(reservation, parts.status.as_u16(), &bytes).await {
        // The write is done and answered; the key is only not kept (a retry within a minute
        // is refused as in progress, a later one runs again).
        tracing::warn!(error = %e, "could not keep an idempotent answer");
    }
    Response::from_parts(parts, bytes.into())
}

/// The answer kept under a key, again.
fn replayed(status: u16, body: String) -> Response {
    let mut resp = Response::new(body.into());
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let h = resp.headers_mut();
    h.insert("content-type", HeaderValue::from_static("application/json"));
    h.insert("idempotent-replayed", HeaderValue::from_static("true"));
    resp
}
