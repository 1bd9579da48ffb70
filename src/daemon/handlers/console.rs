//! `POST /v1/console/links`: mints a console link (see `daemon::console`).

use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, created};
use crate::api::{ConsoleLink, ConsoleLinkRequest};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::console::{self, MAX_TTL_SECS};
use crate::daemon::reject::{ApiError, parse_json};

/// `GET /console`: the console page (its assets are `/console/app.js` and `/console/app.css`).
#[utoipa::path(
    get,
    path = "/console",
    tag = "console",
    summary = "The browser console (sign in with a project key or a console link)",
    responses((status = 200, description = "The page", content_type = "text/html", body = String)),
    security(())
)]
pub async fn page(tail: warp::path::Tail) -> warp::reply::Response {
    console::asset(tail.as_str())
}

/// `POST /v1/console/links`.
#[utoipa::path(
    post,
    path = "/v1/console/links",
    tag = "console",
    summary = "Mint a console link: a signed, expiring, read-mostly view of one project",
    request_body = Option<ConsoleLinkRequest>,
    responses((status = 201, description = "Success", body = ConsoleLink), crate::daemon::reject::Errors),
    security(("project_key" = []), ("admin_token" = []))
)]
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<ConsoleLink> {
    let req: ConsoleLinkRequest = parse_json(&body)?;
    let project_id = match st.project_or_admin(&caller).await? {
        Some(p) => match req.project_id.filter(|id| !id.is_empty()) {
            Some(other) if p.id != other => {
                // The request is well formed; the credential may not do this: 403, naming the field.
                return Err(ApiError {
                    field: Some("project_id".into()),
                    ..ApiError::forbidden("a project key makes links to its own project only")
                });
            }
            _ => p.id,
        },
        None => {
            let id = req.project_id.ok_or_else(|| {
                ApiError::invalid("project_id", "project_id is required with the admin token: the project to open")
            })?;
            st.core
                .store
                .project(&id.as_str().into())
                .await?
                .ok_or_else(|| ApiError::not_found(format!("project {id}")))?
                .id
        }
    };
    let ttl = req.ttl_seconds.unwrap_or(3600);
    if !(60..=MAX_TTL_SECS).contains(&ttl) {
        return Err(ApiError::invalid(
            "ttl_seconds",
            format!("ttl_seconds must be from 60 to {MAX_TTL_SECS} (7 days)"),
        ));
    }
    let manage = req.manage.unwrap_or(false);
    let scope = if manage { console::Scope::Manage } else { console::Scope::Read };
    let (token, exp) = console::mint(&st.admin_token, &project_id, scope, ttl, crate::util::unix_now());
    created(ConsoleLink {
        project_id: project_id.into(),
        manage,
        path: format!("/console#link={token}"),
        token,
        expires_at: crate::model::rfc3339_ms(exp as i64 * 1000),
    })
}
