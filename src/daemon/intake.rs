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
use crate::webhooks::livekit::{WebhookClaims, WebhookEvent};

/// The answer LiveKit gets (it reads only the status).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Ack {
    pub status: &'static str,
}

/// `POST /v1/webhooks/livekit`.
#[utoipa::path(
    post,
    path = "/v1/webhooks/livekit",
    tag = "webhooks",
    summary = "LiveKit's webhooks in (point livekit.yaml's webhook.urls here)",
    description = "A LiveKit `WebhookEvent` (protojson). 200 means everything it produced is durably stored; a repeated event id is acknowledged and ignored.",
    request_body(content = Object, description = "LiveKit's WebhookEvent", content_type = "application/webhook+json"),
    responses((status = 200, description = "Stored (or already seen)", body = Ack), crate::daemon::reject::Errors),
    security(("livekit_webhook" = []))
)]
pub async fn livekit(st: Arc<AppState>, claims: WebhookClaims, body: Bytes) -> Answer<Ack> {
    let core = &st.core;
    // The token's signature, issuer and times were checked before the body was read (the
    // route's gate); what is left is that it was signed for this body.
    if let Err(why) = claims.check_body(&body) {
        core.metrics.rejected_signatures.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(reason = %why, "refused a LiveKit webhook");
        return Err(ApiError::unauthenticated(format!("LiveKit webhook refused: {why}")));
    }
    if let Some(field) = super::reject::nul_field(&body) {
        return Err(ApiError::invalid(
            &field,
            format!("LiveKit webhook's {field} holds U+0000 (NUL), which pulse cannot store"),
        ));
    }
    let event: WebhookEvent = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("LiveKit webhook body is not a WebhookEvent: {e}")))?;
    core.take_livekit_event(&event).await?;
    Ok((StatusCode::OK, Ack { status: "ok" }))
}
