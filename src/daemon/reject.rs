//! API errors and replies: one body shape for every failure (`ErrorBody` in `docs/openapi.json`), built in one
//! place for handler errors and filter rejections alike, and their OpenAPI description (`Errors`).

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, ResponseBuilder};
use warp::http::{HeaderValue, StatusCode};
use warp::reply::Response;

use crate::api::{ErrorBody, ErrorDetail};
use crate::core::CoreError;
use crate::livekit::LiveKitError;
use crate::store::StoreError;

/// A failed request: status, machine code, message, and the field at fault.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    /// Extra headers (rate limiting).
    pub headers: Vec<(&'static str, String)>,
}

impl warp::reject::Reject for ApiError {}

impl ApiError {
    /// A body that did not arrive in time (408).
    pub fn body_timeout(t: std::time::Duration) -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            format!("request body not received within {} s", t.as_secs()),
        )
    }

    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), field: None, headers: Vec::new() }
    }

    /// 400 naming the field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ApiError { field: Some(field.into()), ..Self::new(StatusCode::BAD_REQUEST, "invalid_argument", message) }
    }

    /// 400 with no single field to blame.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_argument", message)
    }

    /// 401.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthenticated", message)
    }

    /// 403: the credential is good, but may not do this.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 404 for `what` (e.g. "egress eg_…").
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", format!("{what} not found"))
    }

    /// 409.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 500; the details go to the log, not to the caller.
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(error = %err, "{context}");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "internal error; the daemon's log has the details")
    }

    /// 429 with `Retry-After` and `X-RateLimit-*`.
    pub fn rate_limited(limit: u32, retry_after_secs: u64, scope: &str) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("rate limit of {limit} requests per minute per {scope} exceeded; retry in {retry_after_secs} s"),
        );
        let reset = crate::util::unix_now() + retry_after_secs;
        e.headers = vec![
            ("retry-after", retry_after_secs.to_string()),
            ("x-ratelimit-limit", limit.to_string()),
            ("x-ratelimit-remaining", "0".into()),
            ("x-ratelimit-reset", reset.to_string()),
        ];
        e
    }

    /// A LiveKit failure as the caller should see it: LiveKit unreachable or misconfigured is
    /// an upstream problem (502/503); LiveKit refusing the request is the caller's (400/404/409).
    pub fn livekit(err: LiveKitError) -> Self {
        match &err {
            LiveKitError::Unreachable { .. } => {
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "upstream_unavailable", err.to_string())
            }
            LiveKitError::Unauthorized { .. } | LiveKitError::BadResponse { .. } => {
                Self::new(StatusCode::BAD_GATEWAY, "upstream_unavailable", err.to_string())
            }
            LiveKitError::Twirp { status, code, msg } => {
                let said = format!("LiveKit refused the request: {msg} ({code})");
                match code.as_str() {
                    "invalid_argument" | "malformed" | "out_of_range" | "not_found" | "bad_route" => {
                        Self::new(StatusCode::BAD_REQUEST, "invalid_argument", said)
                    }
                    "failed_precondition" | "already_exists" | "aborted" => {
                        Self::new(StatusCode::CONFLICT, "conflict", said)
                    }
                    _ => Self::new(
                        if *status == 503 { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::BAD_GATEWAY },
                        "upstream_unavailable",
                        format!("LiveKit failed: {msg} ({code})"),
                    ),
                }
            }
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            // The writer is behind: come back in a second (LiveKit retries by itself).
            StoreError::Busy => {
                let mut e = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the daemon is busy writing; retry in a second",
                );
                e.headers = vec![("retry-after", "1".into())];
                e
            }
            // A shared store's server is away (restarting, failing over): nothing was written.
            StoreError::Unavailable(reason) => {
                tracing::warn!(%reason, "store unavailable; answering 503");
                let mut e = Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the store is unreachable right now; nothing was written; retry in a second",
                );
                e.headers = vec![("retry-after", "1".into())];
                e
            }
            e => ApiError::internal("store failure", e),
        }
    }
}

/// The one place a core error becomes an HTTP status.
impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::Invalid { field: Some(f), message, now: true } => {
                ApiError { field: Some(f), ..ApiError::conflict(message) }
            }
            CoreError::Invalid { field: Some(f), message, now: false } => ApiError::invalid(&f, message),
            CoreError::Invalid { field: None, message, .. } => ApiError::bad_request(message),
            CoreError::NotFound(what) => ApiError::not_found(what),
            CoreError::Conflict(message) => ApiError::conflict(message),
            CoreError::Forbidden(message) => ApiError::forbidden(message),
            CoreError::Upstream(e) => ApiError::livekit(e),
            CoreError::Store(e) => e.into(),
        }
    }
}

/// Every answer goes through here: a success body with its status, or the error body.
pub fn reply<T: Serialize>(result: Result<(StatusCode, T), ApiError>) -> Response {
    match result {
        Ok((status, body)) => {
            let mut resp = warp::reply::Reply::into_response(warp::reply::json(&body));
            *resp.status_mut() = status;
            resp
        }
        Err(e) => error_response(&e),
    }
}

fn error_response(e: &ApiError) -> Response {
    let body =
        ErrorBody { error: ErrorDetail { code: e.code.into(), message: e.message.clone(), field: e.field.clone() } };
    let mut resp = warp::reply::Reply::into_response(warp::reply::json(&body));
    *resp.status_mut() = e.status;
    for (name, value) in &e.headers {
        if let Ok(v) = HeaderValue::from_str(value) {
            resp.headers_mut().insert(*name, v);
        }
    }
    resp
}

/// Where a JSON body holds U+0000, if it does: the path of the first such string. Only a body
/// with the escape `\u0000` is parsed to look (`\\u0000`, a backslash then text, is not NUL).
pub fn nul_field(body: &[u8]) -> Option<String> {
    if !body.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    nul_path(&serde_json::from_slice(body).ok()?, "")
}

/// The path (`a.b[0]`) of the first string in `v`, key or value, that holds U+0000.
fn nul_path(v: &serde_json::Value, at: &str) -> Option<String> {
    match v {
        serde_json::Value::String(s) if s.contains('\0') => Some(at.trim_start_matches('.').to_string()),
        serde_json::Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| nul_path(x, &format!("{at}[{i}]"))),
        serde_json::Value::Object(m) => m.iter().find_map(|(k, x)| {
            let here = format!("{at}.{k}");
            if k.contains('\0') { Some(here.trim_start_matches('.').to_string()) } else { nul_path(x, &here) }
        }),
        _ => None,
    }
}

/// Turns warp's own rejections (no route, wrong method, oversize body) into the error body.
pub async fn handle_rejection(r: warp::Rejection) -> Result<Response, std::convert::Infallible> {
    let e = if let Some(e) = r.find::<ApiError>() {
        e.clone()
    } else if r.is_not_found() {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such API route; the routes are listed at GET /v1/openapi.json",
        )
    } else if r.find::<warp::reject::PayloadTooLarge>().is_some() {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "request body is larger than 1 MiB")
    } else if r.find::<warp::reject::LengthRequired>().is_some() {
        ApiError::bad_request("request body needs a Content-Length header")
    } else if r.find::<warp::reject::MethodNotAllowed>().is_some() {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed on this route")
    } else if let Some(q) = r.find::<warp::reject::InvalidQuery>() {
        ApiError::bad_request(format!("invalid query string: {q}"))
    } else {
        tracing::warn!(?r, "unhandled rejection");
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_argument", "bad request")
    };
    Ok(error_response(&e))
}

/// Parses a JSON body strictly, naming the field serde choked on.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // No body (or `null`, where the document allows one to be left out) means no fields.
    // JSON's whitespace only (a form feed is ASCII whitespace, but not JSON's).
    let json_ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    let start = body.iter().position(|b| !json_ws(b)).unwrap_or(body.len());
    let end = body.iter().rposition(|b| !json_ws(b)).map_or(start, |i| i + 1);
    let text = &body[start..end.max(start)];
    // White space alone is not JSON: only no bytes at all is "no body".
    if text.is_empty() && !body.is_empty() {
        return Err(ApiError::bad_request("request body is not valid JSON: send a JSON object, or no body at all"));
    }
    let body = if text.is_empty() || text == b"null" { b"{}".as_slice() } else { text };
    // serde would take a struct from a JSON array too (`[null, null]`): bodies are objects.
    if body.first() != Some(&b'{') {
        return Err(ApiError::bad_request("the request body must be a JSON object ({\"field\": value, …})"));
    }
    // U+0000 can be neither stored nor matched (PostgreSQL refuses it in text): refused here,
    // naming the field, rather than failing in the store.
    if let Some(field) = nul_field(body) {
        return Err(ApiError::invalid(&field, format!("{field} must not contain U+0000 (NUL)")));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = match serde_path_to_error::deserialize(&mut de) {
        Ok(v) => v,
        // JSON has one number type: `3600.0` is the integer 3600 to a JSON Schema (and to the
        // clients generated from ours), so an integral float is taken where an integer is
        // asked for. Only a body that has one pays for the second parse.
        Err(e) if e.inner().to_string().starts_with("invalid type: floating point") => {
            let mut v: serde_json::Value = serde_json::from_slice(body).map_err(|e| body_error(e, String::new()))?;
            integral_floats(&mut v);
            return serde_path_to_error::deserialize(v).map_err(|e| {
                let path = e.path().to_string();
                body_error(e.into_inner(), path)
            });
        }
        Err(e) => {
            let path = e.path().to_string();
            return Err(body_error(e.into_inner(), path));
        }
    };
    // One JSON value and nothing after it (`{..}{..}` is not a body we half-read).
    de.end()
        .map_err(|e| ApiError::bad_request(format!("request body is not valid JSON: {e}; send one JSON object")))?;
    Ok(value)
}

/// What serde's complaint about a body at `path` means to the caller.
fn body_error(inner: serde_json::Error, path: String) -> ApiError {
    let msg = inner.to_string();
    // serde: "unknown field `foo`, expected one of `a`, `b` at line 1 column 7"
    if let Some(rest) = msg.strip_prefix("unknown field `")
        && let Some(name) = rest.split('`').next()
    {
        // serde_path_to_error's path already ends at the unknown key.
        let field = if path == "." || path.is_empty() { name.to_string() } else { path.clone() };
        return ApiError::invalid(
            &field,
            format!("unknown field `{field}`; GET /v1/openapi.json lists the accepted fields"),
        );
    }
    if inner.is_syntax() || inner.is_eof() {
        return ApiError::bad_request(format!("request body is not valid JSON: {inner}"));
    }
    let clean = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if path == "." || path.is_empty() {
        ApiError::bad_request(clean)
    } else {
        ApiError::invalid(&path, format!("{path}: {clean}"))
    }
}

/// Turns every float with no fractional part (`60.0`) into the integer it is.
fn integral_floats(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() == 0.0 && f.abs() < 9.0e15 {
                *n = if f < 0.0 { (f as i64).into() } else { (f as u64).into() };
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_floats),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(integral_floats),
        _ => {}
    }
}

// The OpenAPI view of these answers: every route's error responses refer to these.

/// The error answers every route may give, all with the one error body.
pub struct Errors;

/// The error answers, by status: description, and whether it carries `Retry-After`.
const ERRORS: &[(&str, &str, bool)] = &[
    ("400", "The request is invalid: `error.field` names the field, `error.message` the fix", false),
    ("401", "No credentials, or not the right ones for this route", false),
    ("403", "The credential is good but may not do this (a console link only looks and replays)", false),
    ("404", "No such resource in this project (or no such route)", false),
    ("405", "The route exists, but not with this method", false),
    ("408", "The request body did not arrive within `daemon.body_timeout`", false),
    (
        "409",
        "The resource's state does not allow this (e.g. stopping an egress that ended), or the `Idempotency-Key` was used with another request or is still being answered",
        false,
    ),
    ("413", "The request body is larger than 1 MiB", false),
    ("429", "Rate limited: try again after `Retry-After` seconds", true),
    ("502", "LiveKit answered with an error, or not at all", false),
    ("503", "The store or LiveKit is unavailable for now: try again after `Retry-After` seconds", true),
];

impl utoipa::IntoResponses for Errors {
    fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        ERRORS
            .iter()
            .map(|(code, _, _)| (code.to_string(), RefOr::Ref(Ref::new(format!("#/components/responses/Error{code}")))))
            .collect()
    }
}

/// The shared error responses, once, for every route to refer to.
pub fn error_responses() -> impl Iterator<Item = (String, utoipa::openapi::Response)> {
    ERRORS.iter().map(|(code, description, retry_after)| {
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build();
        let mut r = ResponseBuilder::new().description(*description).content("application/json", content);
        if *retry_after {
            let header = HeaderBuilder::new()
                .schema(utoipa::openapi::schema::Object::with_type(utoipa::openapi::schema::Type::Integer))
                .description(Some("Seconds to wait before trying again"))
                .build();
            r = r.header("Retry-After", header);
        }
        (format!("Error{code}"), r.build())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_in_a_body_is_refused_naming_its_field_and_an_escaped_backslash_is_not() {
        #[derive(serde::Deserialize, Debug)]
        struct B {
            #[allow(dead_code)]
            a: Option<Vec<String>>,
        }
        let e = parse_json::<B>(br#"{"a": ["x", "y\u0000"]}"#).unwrap_err();
        assert_eq!((e.status, e.field.as_deref()), (StatusCode::BAD_REQUEST, Some("a[1]")));
        assert!(parse_json::<B>(br#"{"a": ["\\u0000"]}"#).is_ok(), "a backslash and u0000, not NUL");
        assert!(parse_json::<B>(b"[null]").is_err());
        assert!(parse_json::<B>(b"\x0c").is_err(), "a form feed is not JSON whitespace");
        assert!(parse_json::<B>(b" null ").is_ok());
    }

    #[test]
    fn an_integral_float_is_taken_for_an_integer_and_a_fraction_is_refused_naming_the_field() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        #[serde(deny_unknown_fields)]
        struct B {
            n: Option<u64>,
            #[serde(default)]
            list: Vec<i32>,
        }
        assert_eq!(
            parse_json::<B>(br#"{"n": 3600.0, "list": [-2.0, 3]}"#).unwrap(),
            B { n: Some(3600), list: vec![-2, 3] }
        );
        assert_eq!(parse_json::<B>(br#"{"n": 36e2}"#).unwrap().n, Some(3600));
        let e = parse_json::<B>(br#"{"n": 1.5}"#).unwrap_err();
        assert_eq!((e.status, e.field.as_deref()), (StatusCode::BAD_REQUEST, Some("n")));
        let e = parse_json::<B>(br#"{"n": 1.0, "x": 1}"#).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("x"), "the second parse names unknown fields as the first does");
    }

    #[test]
    fn a_busy_store_is_503_with_retry_after_and_core_errors_keep_their_field() {
        let e = ApiError::from(CoreError::Store(StoreError::Busy));
        assert_eq!(e.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(e.headers.iter().any(|(k, v)| *k == "retry-after" && v == "1"));
        let e = ApiError::from(CoreError::invalid("room_name", "room_name is required"));
        assert_eq!((e.status, e.field.as_deref()), (StatusCode::BAD_REQUEST, Some("room_name")));
        assert_eq!(ApiError::from(CoreError::not_found("egress eg_1")).status, StatusCode::NOT_FOUND);
        assert_eq!(ApiError::from(CoreError::Conflict("x".into())).status, StatusCode::CONFLICT);
    }
}
