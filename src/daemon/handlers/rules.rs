//! Recording-rule routes: create, list, get, update, delete. The rules are the core's
//! (`core::rules`).

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use super::{Answer, ListQuery, created, ok};
use crate::api::{Deleted, Page, Rule, RuleRequest};
use crate::daemon::AppState;
use crate::daemon::auth::Caller;
use crate::daemon::reject::parse_json;

/// `POST /v1/media/rules`.
pub async fn create(st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Rule> {
    let project = st.project(&caller).await?;
    let req: RuleRequest = parse_json(&body)?;
    created(st.core.create_rule(&project, req).await?)
}

/// `GET /v1/media/rules`.
pub async fn list(st: Arc<AppState>, caller: Caller, q: HashMap<String, String>) -> Answer<Page<Rule>> {
    let project = st.project(&caller).await?;
    let q = ListQuery::parse(&q, &[])?;
    ok(st.core.list_rules(&project, q.page()).await?)
}

/// `GET /v1/media/rules/:id`.
pub async fn get(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Rule> {
    let project = st.project(&caller).await?;
    ok(st.core.get_rule(&project, &id).await?)
}

/// `PATCH /v1/media/rules/:id`: the fields given change, the rest stay.
pub async fn update(id: String, st: Arc<AppState>, caller: Caller, body: Bytes) -> Answer<Rule> {
    let project = st.project(&caller).await?;
    let req: RuleRequest = parse_json(&body)?;
    ok(st.core.update_rule(&project, &id, req).await?)
}

/// `DELETE /v1/media/rules/:id`.
pub async fn delete(id: String, st: Arc<AppState>, caller: Caller) -> Answer<Deleted> {
    let project = st.project(&caller).await?;
    ok(st.core.delete_rule(&project, &id).await?)
}
