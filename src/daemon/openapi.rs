//! The OpenAPI 3.1 document (`GET /v1/openapi.json`, committed as `docs/openapi.json`): the
//! routes from their handlers' `#[utoipa::path]` attributes, the bodies from the `api` types
//! themselves, and a `webhooks` section with every pulse event's payload and signature
//! headers. Nothing here is written by hand twice, so the document cannot drift from the code.

use std::sync::OnceLock;

use serde_json::{Value, json};
use utoipa::OpenApi;
use utoipa::openapi::RefOr;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

use super::handlers;
use crate::api;
use crate::model::EventKind;

/// The shared error responses and the security schemes: a project's key, the admin token, and
/// LiveKit's webhook token.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(Default::default);
        for (name, response) in super::reject::error_responses() {
            c.responses.insert(name, RefOr::T(response));
        }
        c.add_security_scheme(
            "project_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Pulse-Key",
                "A project's API key (`pulse_key_…`); `Authorization: Bearer pulse_key_…` is accepted too",
            ))),
        );
        c.add_security_scheme(
            "admin_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The daemon's admin token (`<data_dir>/admin_token`, or `daemon.admin_token`)"))
                    .build(),
            ),
        );
        c.add_security_scheme(
            "livekit_webhook",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "LiveKit's webhook token: an HS256 JWT signed with the API secret, whose `sha256` claim is the body's SHA-256",
            ))),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "pulse",
        description = "A self-hosted, multi-tenant media control plane for LiveKit: egress, ingress, recording rules, \
            and LiveKit's events forwarded to each project's webhook endpoints, signed, with durable retries. \
            Lists are paged with `page` (from 1) and `limit` (1 to 100); every answer that lists carries `pagination`. \
            Every error has the same body, `{\"error\": {\"code\", \"message\", \"field\"?}}`. \
            The writes that start or create something (POST of projects, egress/start, rules, ingress/create, \
            webhooks/endpoints, rotate-secret, logs/{id}/replay, webhooks/test) take an `Idempotency-Key` header \
            (1 to 255 visible ASCII characters): sent again with the same key within 24 hours, a request gets the \
            first answer byte for byte, with `Idempotent-Replayed: true`, and nothing runs again; the same key \
            with another request, or while the first is still being answered, is 409.",
        license(name = "Apache-2.0")
    ),
    paths(
        handlers::status::health,
        handlers::status::status,
        handlers::status::openapi,
        handlers::status::metrics,
        handlers::console::page,
        handlers::projects::create,
        handlers::projects::list,
        handlers::projects::get,
        handlers::projects::rotate_key,
        handlers::projects::delete,
        handlers::egress::start,
        handlers::egress::stop,
        handlers::egress::update,
        handlers::egress::get,
        handlers::egress::list,
        handlers::rules::create,
        handlers::rules::list,
        handlers::rules::get,
        handlers::rules::update,
        handlers::rules::delete,
        handlers::ingress::create,
        handlers::ingress::get,
        handlers::ingress::list,
        handlers::ingress::delete,
        handlers::rooms::token,
        handlers::webhooks::create_endpoint,
        handlers::webhooks::list_endpoints,
        handlers::webhooks::get_endpoint,
        handlers::webhooks::endpoint_secret,
        handlers::webhooks::endpoint_stats,
        handlers::webhooks::patch_endpoint,
        handlers::webhooks::delete_endpoint,
        handlers::webhooks::rotate_secret,
        handlers::webhooks::recover_endpoint,
        handlers::webhooks::list_logs,
        handlers::webhooks::get_log,
        handlers::webhooks::replay,
        handlers::webhooks::test_event,
        handlers::webhooks::stream,
        super::intake::livekit,
        handlers::console::create,
        handlers::usage::usage,
        handlers::projects::set_limits,
    ),
    components(schemas(
        api::ErrorBody,
        api::PulseEvent,
        api::RoomEventData,
        api::ParticipantEventData,
        api::TrackEventData,
        api::AgentJobEventData,
        api::EgressEventData,
        api::EgressFailedData,
            api::EgressRestartedData,
        api::EndpointEventData,
        api::UsageThresholdData,
        api::RecordingEventData,
        api::IngressEventData,
        crate::model::EgressStatus,
        crate::model::DeliveryStatus,
        crate::api::Granularity,
        crate::api::GroupBy,
        crate::model::EventKind,
        crate::model::OutputType,
        crate::model::EgressKind,
        crate::model::Layout,
        crate::model::RuleTrigger,
        crate::model::IngressKind,
    )),
    modifiers(&Security),
    tags(
        (name = "projects", description = "Tenants: each has its own API key, rooms, media and endpoints (admin token)"),
        (name = "egress", description = "Recording and restreaming: HLS, MP4 and RTMP"),
        (name = "rules", description = "Recording rules: start an egress in matching rooms automatically"),
        (name = "ingress", description = "Bringing streams in: RTMP, WHIP and URL pull"),
        (name = "rooms", description = "Join tokens for a project's rooms"),
        (name = "webhooks", description = "Endpoints, delivery logs, replay and the live event stream"),
        (name = "status", description = "Health and the daemon's state"),
        (name = "usage", description = "Usage meters per project: participant and egress minutes, recording bytes"),
        (name = "console", description = "The browser console at /console, and links that open it for one project"),
    )
)]
struct ApiDoc;

/// The `data` schema of each event (a new event kind does not compile until it has one).
fn data_schema(kind: EventKind) -> &'static str {
    match kind {
        EventKind::RoomStarted | EventKind::RoomEnded => "RoomEventData",
        EventKind::ParticipantJoined | EventKind::ParticipantLeft | EventKind::ParticipantConnectionAborted => {
            "ParticipantEventData"
        }
        EventKind::TrackPublished | EventKind::TrackUnpublished => "TrackEventData",
        EventKind::AgentJobStarted | EventKind::AgentJobEnded => "AgentJobEventData",
        EventKind::EgressStarted | EventKind::EgressEnded | EventKind::EgressUpdated => "EgressEventData",
        EventKind::EgressFailed => "EgressFailedData",
        EventKind::EgressRestarted => "EgressRestartedData",
        EventKind::EndpointFailing
        | EventKind::EndpointExhausted
        | EventKind::EndpointRecovered
        | EventKind::EndpointDisabled => "EndpointEventData",
        EventKind::UsageThreshold => "UsageThresholdData",
        EventKind::RecordingAvailable | EventKind::RecordingFailed => "RecordingEventData",
        EventKind::IngressStarted | EventKind::IngressEnded => "IngressEventData",
    }
}

/// The `webhooks` section: what each endpoint receives for each event, and how it is signed.
fn webhooks() -> Value {
    let header = |name: &str, description: &str| json!({"name": name, "in": "header", "required": true, "description": description, "schema": {"type": "string"}});
    let headers = json!([
        header("webhook-id", "The event id (`evt_…`), the same on every attempt: use it to drop duplicates"),
        header("webhook-timestamp", "Unix seconds when this attempt was signed"),
        header(
            "webhook-signature",
            "Standard Webhooks: `v1,<base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<body>\">`, keyed with the \
             endpoint secret's bytes after `whsec_` (base64-decoded); several space-separated during a secret rotation"
        ),
        header(
            "x-pulse-signature",
            "`t=<unix>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`, same key; one `v1=` per secret during a rotation"
        ),
        header("x-pulse-event", "The event name"),
    ]);
    let mut out = serde_json::Map::new();
    for kind in EventKind::ALL {
        let name = kind.as_str();
        let schema = json!({"allOf": [
            {"$ref": "#/components/schemas/PulseEvent"},
            {"type": "object", "properties": {
                "event": {"const": name},
                "data": {"$ref": format!("#/components/schemas/{}", data_schema(*kind))}
            }}
        ]});
        out.insert(
            name.to_string(),
            json!({"post": {
                "operationId": format!("webhook_{name}"),
                "summary": format!("`{name}`, delivered to each subscribed endpoint"),
                "parameters": headers,
                "requestBody": {"required": true, "content": {"application/json": {"schema": schema}}},
                "responses": {
                    "2XX": {"description": "Delivered. Any other status, a redirect or no answer within webhooks.timeout is retried on webhooks.retry_schedule"},
                    "410": {"description": "Gone: pulse disables the endpoint and stops sending to it"}
                }
            }}),
        );
    }
    Value::Object(out)
}

/// The whole document as JSON.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).expect("the document serializes");
    // Operation ids are the handlers' names, which repeat across resources: prefix the tag.
    if let Some(paths) = doc["paths"].as_object_mut() {
        for op in paths.values_mut().filter_map(Value::as_object_mut).flat_map(|item| item.values_mut()) {
            if let (Some(tag), Some(id)) = (op["tags"][0].as_str(), op["operationId"].as_str()) {
                op["operationId"] = json!(format!("{tag}_{id}"));
            }
        }
    }
    doc["webhooks"] = webhooks();
    super::contract::refine(&mut doc);
    doc
}

/// The document as served: built once.
pub fn served() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_string_pretty(&document()).expect("the document serializes"))
}

/// The methods the document lists for `path` (`GET, POST`), if any route matches it.
pub fn allowed_methods(path: &str) -> Option<String> {
    static ROUTES: OnceLock<Vec<(Vec<String>, String)>> = OnceLock::new();
    let routes = ROUTES.get_or_init(|| {
        let doc = document();
        let paths = doc["paths"].as_object().cloned().unwrap_or_default();
        paths
            .into_iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(String::from).collect();
                let methods: Vec<String> =
                    item.as_object().map(|m| m.keys().map(|k| k.to_uppercase()).collect()).unwrap_or_default();
                (segments, methods.join(", "))
            })
            .collect()
    });
    let segments: Vec<&str> = path.split('/').collect();
    routes
        .iter()
        .find(|(template, _)| {
            template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
        })
        .map(|(_, methods)| methods.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_finds_its_methods() {
        assert_eq!(allowed_methods("/v1/media/rules/rul_1").as_deref(), Some("DELETE, GET, PATCH"));
        assert_eq!(allowed_methods("/v1/media/egress/start").as_deref(), Some("POST"));
        assert_eq!(allowed_methods("/v1/nothing"), None);
    }

    /// Every `$ref` points at a schema the document defines.
    #[test]
    fn every_reference_resolves() {
        let doc = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        fn walk(v: &Value, refs: &mut Vec<String>) {
            match v {
                Value::Object(m) => {
                    if let Some(Value::String(r)) = m.get("$ref") {
                        refs.push(r.clone());
                    }
                    m.values().for_each(|v| walk(v, refs));
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, refs)),
                _ => {}
            }
        }
        let mut refs = Vec::new();
        walk(&doc, &mut refs);
        assert!(refs.len() > 50);
        let responses = doc["components"]["responses"].as_object().unwrap();
        for r in refs {
            let defined = match (r.strip_prefix("#/components/schemas/"), r.strip_prefix("#/components/responses/")) {
                (Some(name), _) => schemas.contains_key(name),
                (_, Some(name)) => responses.contains_key(name),
                _ => false,
            };
            assert!(defined, "{r} is not defined");
        }
        let mut ids: Vec<&str> = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|item| item.as_object().unwrap().values())
            .map(|op| op["operationId"].as_str().unwrap())
            .collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "operation ids are unique");
        assert_eq!(doc["openapi"], "3.1.0");
        assert_eq!(doc["webhooks"].as_object().unwrap().len(), EventKind::ALL.len());
    }
}
