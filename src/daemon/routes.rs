//! The route table: one filter per route, each a method and a path (documented in `docs/openapi.json`). Filters only
//! extract; handlers decide (auth, validation) and every answer goes through `reject::reply`.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use warp::Filter;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use super::auth::{Caller, Who, caller};
use super::handlers::{egress, ingress, projects, rooms, rules, status, webhooks};
use super::reject::{handle_rejection, reply};
use super::{AppState, idempotent};

/// Request bodies over this are refused with 413 (documented in `docs/openapi.json`).
pub const MAX_BODY: u64 = 1024 * 1024;

type Query = HashMap<String, String>;

/// Every route of the API, with rejections turned into the error body.
pub fn routes(state: Arc<AppState>) -> BoxedFilter<(Response,)> {
    let body_timeout = state.core.settings.body_timeout;
    let gate_state = state.clone();
    let lk_state = state.clone();
    let st = warp::any().map(move || state.clone());
    // A body is read only from a caller whose credential holds (a valid project key or the
    // admin token), within 1 MiB and the body timeout: an unauthenticated flood costs no
    // buffering.
    let body = shared(
        warp::any()
            .and(caller())
            .and_then(move |c: Caller| {
                let st = gate_state.clone();
                async move { st.authenticated(&c).await.map_err(warp::reject::custom) }
            })
            .untuple_one()
            .and(timed_body(body_timeout))
            .boxed(),
    );
    // LiveKit's webhook route authenticates with a token signed over the body: its signature,
    // issuer and times are checked before the body is read, the body hash after.
    // Built inline, not boxed: the one route LiveKit's traffic takes, tried first.
    let livekit_body = warp::header::optional::<String>("authorization")
        .and_then(move |auth: Option<String>| {
            let st = lk_state.clone();
            async move {
                let lk = &st.core.settings.livekit;
                crate::webhooks::livekit::verify_token(auth.as_deref(), &lk.api_key, &lk.api_secret).map_err(|why| {
                    st.core.metrics.rejected_signatures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    tracing::warn!(reason = %why, "refused a LiveKit webhook");
                    warp::reject::custom(super::reject::ApiError::unauthenticated(format!(
                        "LiveKit webhook refused: {why}"
                    )))
                })
            }
        })
        .and(timed_body(body_timeout));
    let query = shared(warp::query::<Query>().boxed());
    let common = shared(st.clone().and(caller()).boxed());
    let idem = shared(idempotent::request().boxed());

    // Each route is its path, matched inline (a request tries the routes in turn), then one
    // boxed filter for its method and what it extracts, shared by the routes of that shape:
    // without the boxes, every route's nested filter types cost rustc's monomorphisation
    // half a minute of a release build. A route that extracts nothing takes its method inline.
    let delete_common = shared(warp::delete().and(common()).boxed());
    let delete_common_query = shared(warp::delete().and(common()).and(query()).boxed());
    let get_common = shared(warp::get().and(common()).boxed());
    let get_common_query = shared(warp::get().and(common()).and(query()).boxed());
    let patch_common_body = shared(warp::patch().and(common()).and(body()).boxed());
    let post_common = shared(warp::post().and(common()).boxed());
    let post_common_body = shared(warp::post().and(common()).and(body()).boxed());
    let post_common_body_idem = shared(warp::post().and(common()).and(body()).and(idem()).boxed());
    let put_common_body = shared(warp::put().and(common()).and(body()).boxed());

    // GET /health
    let health = warp::path!("health").and(warp::get()).then(status::health).map(reply).boxed();
    // GET /v1/openapi.json
    // The document is assembled above the handlers (`openapi` reads their attributes), so
    // the route hands it to its handler.
    let openapi =
        warp::path!("v1" / "openapi.json").and(warp::get()).then(|| status::openapi(super::openapi::served())).boxed();
    // GET /v1/status
    let status = warp::path!("v1" / "status").and(get_common()).then(status::status).map(reply).boxed();

    // POST /v1/projects
    let project_create = warp::path!("v1" / "projects")
        .and(post_common_body_idem())
        .then(|s, c, b, p, k| idempotent::run(s, c, Who::Admin, p, k, b, projects::create))
        .boxed();
    // GET /v1/projects
    let project_list = warp::path!("v1" / "projects").and(get_common_query()).then(projects::list).map(reply).boxed();
    // GET /v1/projects/:id
    let project_get = warp::path!("v1" / "projects" / String).and(get_common()).then(projects::get).map(reply).boxed();
    // POST /v1/projects/:id/rotate-key
    let project_rotate = warp::path!("v1" / "projects" / String / "rotate-key")
        .and(post_common())
        .then(projects::rotate_key)
        .map(reply)
        .boxed();
    // PUT /v1/projects/:id/limits
    let project_limits = warp::path!("v1" / "projects" / String / "limits")
        .and(put_common_body())
        .then(projects::set_limits)
        .map(reply)
        .boxed();
    // DELETE /v1/projects/:id
    let project_delete =
        warp::path!("v1" / "projects" / String).and(delete_common_query()).then(projects::delete).map(reply).boxed();

    // POST /v1/media/egress/start
    let egress_start = warp::path!("v1" / "media" / "egress" / "start")
        .and(post_common_body_idem())
        .then(|s, c, b, p, k| idempotent::run(s, c, Who::Project, p, k, b, egress::start))
        .boxed();
    // POST /v1/media/egress/stop
    let egress_stop =
        warp::path!("v1" / "media" / "egress" / "stop").and(post_common_body()).then(egress::stop).map(reply).boxed();
    // POST /v1/media/egress/update
    let egress_update = warp::path!("v1" / "media" / "egress" / "update")
        .and(post_common_body())
        .then(egress::update)
        .map(reply)
        .boxed();
    // GET /v1/media/egress/:id
    let egress_get =
        warp::path!("v1" / "media" / "egress" / String).and(get_common()).then(egress::get).map(reply).boxed();
    // GET /v1/media/egress
    let egress_list =
        warp::path!("v1" / "media" / "egress").and(get_common_query()).then(egress::list).map(reply).boxed();

    // POST /v1/media/rules
    let rule_create = warp::path!("v1" / "media" / "rules")
        .and(post_common_body_idem())
        .then(|s, c, b, p, k| idempotent::run(s, c, Who::Project, p, k, b, rules::create))
        .boxed();
    // GET /v1/media/rules
    let rule_list = warp::path!("v1" / "media" / "rules").and(get_common_query()).then(rules::list).map(reply).boxed();
    // GET /v1/media/rules/:id
    let rule_get = warp::path!("v1" / "media" / "rules" / String).and(get_common()).then(rules::get).map(reply).boxed();
    // PATCH /v1/media/rules/:id
    let rule_update =
        warp::path!("v1" / "media" / "rules" / String).and(patch_common_body()).then(rules::update).map(reply).boxed();
    // DELETE /v1/media/rules/:id
    let rule_delete =
        warp::path!("v1" / "media" / "rules" / String).and(delete_common()).then(rules::delete).map(reply).boxed();

    // POST /v1/media/ingress/create
    let ingress_create = warp::path!("v1" / "media" / "ingress" / "create")
        .and(post_common_body_idem())
        .then(|s, c, b, p, k| idempotent::run(s, c, Who::Project, p, k, b, ingress::create))
        .boxed();
    // GET /v1/media/ingress/:id
    let ingress_get =
        warp::path!("v1" / "media" / "ingress" / String).and(get_common()).then(ingress::get).map(reply).boxed();
    // GET /v1/media/ingress
    let ingress_list =
        warp::path!("v1" / "media" / "ingress").and(get_common_query()).then(ingress::list).map(reply).boxed();
    // DELETE /v1/media/ingress/:id
    let ingress_delete =
        warp::path!("v1" / "media" / "ingress" / String).and(delete_common()).then(ingress::delete).map(reply).boxed();

    // POST /v1/rooms/token
    let room_token =
        warp::path!("v1" / "rooms" / "token").and(post_common_body()).then(rooms::token).map(reply).boxed();

    // POST /v1/webhooks/livekit (never rate-limited: LiveKit retries for ~30 s, then drops)
    let livekit_intake = warp::path!("v1" / "webhooks" / "livekit")
        .and(warp::post())
        .and(st.clone())
        .and(livekit_body)
        .then(super::intake::livekit)
        .map(reply)
        .boxed();
    // GET /metrics
    let metrics = warp::path!("metrics").and(warp::get()).and(st.clone()).then(status::metrics).boxed();
    // POST /v1/webhooks/endpoints
    let endpoint_create = warp::path!("v1" / "webhooks" / "endpoints")
        .and(post_common_body_idem())
        .then(|s, c, b, p, k| idempotent::run(s, c, Who::Project, p, k, b, webhooks::create_endpoint))
        .boxed();
    // GET /v1/webhooks/endpoints
    let endpoint_list = warp::path!("v1" / "webhooks" / "endpoints")
        .and(get_common_query())
        .then(webhooks::list_endpoints)
        .map(reply)
        .boxed();
    // GET /v1/webhooks/endpoints/:id
    let endpoint_get = warp::path!("v1" / "webhooks" / "endpoints" / String)
        .and(get_common())
        .then(webhooks::get_endpoint)
        .map(reply)
        .boxed();
    // PATCH /v1/webhooks/endpoints/:id
    let endpoint_patch = warp::path!("v1" / "webhooks" / "endpoints" / String)
        .and(patch_common_body())
        .then(webhooks::patch_endpoint)
        .map(reply)
        .boxed();
    // DELETE /v1/webhooks/endpoints/:id
    let endpoint_delete = warp::path!("v1" / "webhooks" / "endpoints" / String)
        .and(delete_common())
        .then(webhooks::delete_endpoint)
        .map(reply)
        .boxed();
    // GET /v1/webhooks/endpoints/:id/secret
    let endpoint_secret = warp::path!("v1" / "webhooks" / "endpoints" / String / "secret")
        .and(get_common())
        .then(webhooks::endpoint_secret)
        .map(reply)
        .boxed();
    // GET /v1/webhooks/endpoints/:id/stats
    let endpoint_stats = warp::path!("v1" / "webhooks" / "endpoints" / String / "stats")
        .and(get_common())
        .then(webhooks::endpoint_stats)
        .map(reply)
        .boxed();
    // POST /v1/console/links
    let console_link = warp::path!("v1" / "console" / "links")
        .and(post_common_body())
        .then(super::handlers::console::create)
        .map(reply)
        .boxed();
    // GET /console, /console/<asset>: the browser console (no credentials: the page asks).
    let console_page = warp::path("console")
        .and(warp::get())
        .and(warp::path::tail())
        .then(|tail: warp::path::Tail| super::handlers::console::page(tail))
        .boxed();
    // POST /v1/webhooks/endpoints/:id/rotate-secret
    let endpoint_rotate = warp::path!("v1" / "webhooks" / "endpoints" / String / "rotate-secret")
        .and(post_common_body_idem())
        .then(|id, s, c, b, p, k| {
            idempotent::run(s, c, Who::Project, p, k, b, move |s, c, b| webhooks::rotate_secret(id, s, c, b))
        })
        .boxed();
    // POST /v1/webhooks/endpoints/:id/recover
    let endpoint_recover = warp::path!("v1" / "webhooks" / "endpoints" / String / "recover")
        .and(post_common_body_idem())
        .then(|id, s, c, b, p, k| {
            idempotent::run(s, c, Who::Project, p, k, b, move |s, c, b| webhooks::recover_endpoint(id, s, c, b))
        })
        .boxed();
    // GET /v1/usage
    let usage =
        warp::path!("v1" / "usage").and(get_common_query()).then(super::handlers::usage::usage).map(reply).boxed();
    // GET /v1/webhooks/logs
    let log_list =
        warp::path!("v1" / "webhooks" / "logs").and(get_common_query()).then(webhooks::list_logs).map(reply).boxed();
    // GET /v1/webhooks/logs/:id
    let log_get =
        warp::path!("v1" / "webhooks" / "logs" / String).and(get_common()).then(webhooks::get_log).map(reply).boxed();
    // POST /v1/webhooks/logs/:id/replay
    let log_replay = warp::path!("v1" / "webhooks" / "logs" / String / "replay")
        .and(post_common_body_idem())
        .then(|id, s, c, b, p, k| {
            idempotent::run(s, c, Who::Project, p, k, b, move |s, c, b| webhooks::replay(id, s, c, b))
        })
        .boxed();
    // POST /v1/webhooks/test
    let test_event = warp::path!("v1" / "webhooks" / "test")
        .and(post_common_body_idem())
        .then(|s, c, b, p, k| idempotent::run(s, c, Who::Project, p, k, b, webhooks::test_event))
        .boxed();
    // GET /v1/webhooks/stream
    let stream = warp::path!("v1" / "webhooks" / "stream").and(get_common()).then(webhooks::stream).boxed();

    // Boxing each route keeps the combined filter's type flat: fifteen nested `Or`s of
    // unboxed filters took rustc over ten minutes.
    // LiveKit's webhooks first: they are most of the traffic, and a route is matched by trying
    // each in turn.
    let all: Vec<Route> = vec![
        livekit_intake,
        health,
        openapi,
        status,
        project_create,
        project_list,
        project_get,
        project_rotate,
        project_limits,
        project_delete,
        egress_start,
        egress_stop,
        egress_update,
        egress_get,
        egress_list,
        rule_create,
        rule_list,
        rule_get,
        rule_update,
        rule_delete,
        ingress_create,
        ingress_get,
        ingress_list,
        ingress_delete,
        room_token,
        metrics,
        endpoint_create,
        endpoint_list,
        endpoint_get,
        endpoint_patch,
        endpoint_delete,
        endpoint_secret,
        endpoint_stats,
        endpoint_rotate,
        endpoint_recover,
        console_link,
        console_page,
        log_list,
        log_get,
        usage,
        log_replay,
        test_event,
        stream,
    ];
    let table = all.into_iter().reduce(|a, b| a.or(b).unify().boxed()).expect("routes exist");
    let answered = table.recover(handle_rejection).unify().map(warp::Reply::into_response);
    warp::path::full()
        .and(answered)
        .map(|path: warp::path::FullPath, mut r: Response| {
            // RFC 9110: a 405 lists the methods the route does take (the document knows them).
            if r.status() == warp::http::StatusCode::METHOD_NOT_ALLOWED
                && let Some(allow) = super::openapi::allowed_methods(path.as_str())
                && let Ok(v) = warp::http::HeaderValue::from_str(&allow)
            {
                r.headers_mut().insert(warp::http::header::ALLOW, v);
            }
            r
        })
        .with(warp::trace::request())
        .map(warp::Reply::into_response)
        .boxed()
}

type Route = BoxedFilter<(Response,)>;

/// A filter built once and handed out as a clone to each route that takes it (a boxed
/// filter's clone is an `Arc`'s).
fn shared<F: Clone>(f: F) -> impl Fn() -> F + Clone {
    move || f.clone()
}

/// The request body, at most [`MAX_BODY`] (with a Content-Length), read in full within
/// `timeout` (a client that stalls mid-body gets 408 and the connection back).
fn timed_body(timeout: std::time::Duration) -> impl Filter<Extract = (Bytes,), Error = warp::Rejection> + Clone {
    warp::body::content_length_limit(MAX_BODY).and(warp::body::stream()).and_then(move |s| async move {
        match tokio::time::timeout(timeout, collect(s)).await {
            Ok(Some(b)) => Ok(b),
            Ok(None) => {
                Err(warp::reject::custom(super::reject::ApiError::bad_request("request body could not be read")))
            }
            Err(_) => Err(warp::reject::custom(super::reject::ApiError::body_timeout(timeout))),
        }
    })
}

/// A body stream's bytes, at most [`MAX_BODY`] of them.
async fn collect<S, B>(s: S) -> Option<Bytes>
where
    S: futures_util::Stream<Item = Result<B, warp::Error>>,
    B: warp::Buf,
{
    use futures_util::StreamExt;
    let mut s = std::pin::pin!(s);
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = s.next().await {
        let chunk = chunk.ok()?;
        buf.extend_from_slice(chunk.chunk());
        if buf.len() as u64 > MAX_BODY {
            return None;
        }
    }
    Some(buf.freeze())
}
