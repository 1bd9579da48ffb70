//! `POST /v1/webhooks/livekit`: LiveKit's webhooks, verified as LiveKit signs them (how the
//! request authenticates), handed to the core, and acknowledged only once all they produced
//! is on disk.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use bytes::Bytes;
use warp::http::StatusCode;

use super::AppState;
use super::handlers::Answer;
use super::reject::ApiError;
use crate::webhooks::livekit::{WebhookEvent, verify};

/// The answer LiveKit gets (it reads only the status).
#[derive(serde::Serialize)]
pub struct Ack {
    pub status: &'static str,
}

/// `POST /v1/webhooks/livekit`.
pub async fn livekit(st: Arc<AppState>, auth: Option<String>, body: Bytes) -> Answer<Ack> {
    let core = &st.core;
    let lk = &core.settings.livekit;
    // The token's signature and times were checked before the body was read; this checks them
    // with the body's hash.
    if let Err(why) = verify(auth.as_deref(), &body, &lk.api_key, &lk.api_secret) {
        core.metrics.rejected_signatures.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(reason = %why, "refused a LiveKit webhook");
        return Err(ApiError::unauthenticated(format!("LiveKit webhook refused: {why}")));
    }
    let event: WebhookEvent = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("LiveKit webhook body is not a WebhookEvent: {e}")))?;
    core.take_livekit_event(&event).await?;
    Ok((StatusCode::OK, Ack { status: "ok" }))
}
