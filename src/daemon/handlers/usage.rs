//! The usage route. The meters are the core's (`core::usage`).

use std::collections::HashMap;
use std::sync::Arc;

use super::{Answer, ListQuery, ok};
use crate::api::{Usage, UsageQuery};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::ApiError;

/// `GET /v1/usage?from&to&granularity&group_by[&project_id]`.
#[utoipa::path(
    get,
    path = "/v1/usage",
    tag = "usage",
    summary = "A project's usage: participant and egress minutes, recording bytes, deliveries",
    params(
        ("from" = Option<String>, Query, description = "RFC 3339, or a duration back from now (30d); default 30 days ago"),
        ("to" = Option<String>, Query, description = "RFC 3339, or a duration back from now; default now"),
        ("granularity" = Option<crate::api::Granularity>, Query, description = "hour or day (UTC; default day)"),
        ("group_by" = Option<crate::api::GroupBy>, Query, description = "meter (default) or room"),
        ("project_id" = Option<String>, Query, description = "With the admin token: the project")
    ),
    responses((status = 200, description = "Success", body = Usage), crate::daemon::reject::Errors),
    security(("project_key" = []), ("admin_token" = []))
)]
pub async fn usage(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Usage> {
    let q = ListQuery::parse(&q, &["from", "to", "granularity", "group_by", "project_id"])?;
    let project = match q.filter("project_id") {
        Some(id) => {
            st.admin(&caller)?;
            st.core.store.project(&id.into()).await?.ok_or_else(|| ApiError::not_found(format!("project {id}")))?
        }
        None => st.viewer(&caller).await?.0,
    };
    let query = UsageQuery {
        from: q.filter("from").map(Into::into),
        to: q.filter("to").map(Into::into),
        granularity: q.filter("granularity").map(Into::into),
        group_by: q.filter("group_by").map(Into::into),
    };
    ok(st.core.usage(&project, query).await?)
}
