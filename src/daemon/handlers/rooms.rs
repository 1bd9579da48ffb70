//! Room token route. The rules are the core's (`core::rooms`).

use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ok};
use crate::api::{TokenRequest, TokenResponse};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::parse_json;

/// `POST /v1/rooms/token`.
#[utoipa::path(
    post,
    path = "/v1/rooms/token",
    tag = "rooms",
    summary = "Mint a LiveKit join token for one of the project's rooms",
    request_body = TokenRequest,
    responses((status = 200, description = "Success", body = TokenResponse), crate::daemon::reject::Errors),
    security(("project_key" = []))
)]
pub async fn token(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<TokenResponse> {
    let project = st.project(&caller).await?;
    let req: TokenRequest = parse_json(&body)?;
    ok(st.core.room_token(&project, req)?)
}
