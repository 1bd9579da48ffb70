//! The request bodies' rules that types alone cannot say, written into the OpenAPI document as
//! JSON Schema: text without control characters, URLs a connection can be made to, and the
//! cross-field rules of an egress start (`rtmp_urls` only with an rtmp output, a track egress
//! writes one file, …) and an ingress create (`url` only for a URL ingress). A request the
//! document calls valid is one the server takes (schemathesis checks both directions in CI,
//! with `positive_data_acceptance`); what depends on state rather than on the request (a
//! project's rule count, an egress's current targets) is answered 409, not 400.
//!
//! The patterns use only what ECMA-262 and Python's `re` read alike.

use serde_json::{Value, json};

use crate::model::{EgressKind, EventKind, IngressKind, Layout, OutputType, RuleTrigger};

/// No control character (what `validate::text` refuses).
pub const TEXT: &str = r"^[^\x00-\x1f\x7f-\x9f]*$";
/// Text with something besides white space (what `validate::required` then `text` take).
pub const NAME: &str = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$";
/// A room name: a name without `/`.
pub const ROOM: &str = r"^[^/\x00-\x1f\x7f-\x9f]*[^\s/\x00-\x1f\x7f-\x9f][^/\x00-\x1f\x7f-\x9f]*$";
/// Anything but NUL with something besides white space (an id LiveKit made).
pub const ID: &str = r"^[^\x00]*[^\s\x00][^\x00]*$";
/// Anything but NUL.
pub const ANY: &str = r"^[^\x00]*$";
/// A room glob: not empty, no control character.
pub const GLOB: &str = r"^[^\x00-\x1f\x7f-\x9f]+$";
/// An http(s) URL with a host name (`validate::url_shape`; the server also takes an IP
/// address, which the address policy refuses unless allowed, which a document cannot know).
pub const HTTP_URL: &str = r"^https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?(/[^\s\x00-\x1f\x7f-\x9f]*)?$";
/// A pull URL for a URL ingress.
pub const PULL_URL: &str = r"^(https?|srt)://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?(/[^\s\x00-\x1f\x7f-\x9f]*)?$";
/// An RTMP target (stream key included).
pub const RTMP_URL: &str = r"^rtmps?://[^\x00]+$";
/// One wait of a retry schedule, up to 3 h 36 min: any 20 of them stay within the 3 days a
/// schedule may add up to (the server takes single waits up to 24 h within those 3 days).
pub const WAIT: &str = r"^(([1-9][0-9]{0,3}|1[01][0-9]{3}|12[0-8][0-9]{2}|129[0-5][0-9]|12960)s|([1-9][0-9]?|1[0-9]{2}|20[0-9]|21[0-6])m|[1-3]h)$";
/// A payload condition in its simplest form (`data.egress.output_type == hls`); the server
/// also takes quoted JSON values and `in [..]` (see `docs/webhooks.md`).
pub const FILTER: &str = r"^[a-z][a-z0-9_]{0,15}(\.[a-z][a-z0-9_]{0,15}){0,4} (==|!=) [a-z][a-z0-9_]{0,31}$";
/// A time bound (`validate::time_bound`): a duration back from now, in whole seconds, minutes,
/// hours or days (at most 9, 7, 5 and 4 digits: none reaches before 1970), or an RFC 3339 UTC
/// time (days up to the 28th here: every month has them).
pub const TIME: &str = r"^([1-9][0-9]{0,8}s|[1-9][0-9]{0,6}m|[1-9][0-9]{0,4}h|[1-9][0-9]{0,3}d|(19[7-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?Z)$";
/// An egress's longest run: 1 s to 7 days.
pub const MAX_DURATION: &str =
    r"^(([1-9][0-9]{0,4})s|([1-9][0-9]{0,3})m|([1-9]|[1-9][0-9]|1[0-5][0-9]|16[0-8])h|[1-7]d)$";
/// A recording's filename, or a restart's part of one (not `.` or `..`).
pub const FILENAME: &str = r"^(?!\.\.?(/|$))[A-Za-z0-9._-]{1,128}(/part-([2-9]|10))?$";
/// A header value: no control character but tab.
pub const HEADER_VALUE: &str = r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f]*$";

use crate::core::egress::PRESETS;
use crate::core::endpoints::RESERVED_HEADERS;

/// `s` or null (an absent field and a null one are the same to the server).
fn opt(s: Value) -> Value {
    json!({"anyOf": [s, {"type": "null"}]})
}

fn string(pattern: &str) -> Value {
    json!({"type": "string", "pattern": pattern})
}

fn none() -> Value {
    json!({"type": "null"})
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

/// A header name an endpoint may set: an HTTP token, not one pulse sets itself (any case).
fn header_name(reserved: &[&str]) -> String {
    let any_case = |w: &str| -> String {
        w.chars()
            .map(|c| match c.is_ascii_alphabetic() {
                true => format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase()),
                false if c == '-' => r"\-".to_string(),
                false => c.to_string(),
            })
            .collect()
    };
    let words: Vec<String> = reserved.iter().map(|w| any_case(w)).collect();
    format!(r"^(?!({})$)[A-Za-z0-9!#$%&'*+.^_`|~-]{{1,64}}$", words.join("|"))
}

/// `POST /v1/media/egress/start`'s body; `with_room: false` is a rule's egress, whose room
/// comes from the trigger.
pub fn start_egress(with_room: bool) -> Value {
    let outputs = names(OutputType::ALL, OutputType::as_str);
    let no_images = json!({"image_interval_secs": none(), "image_width": none(), "image_height": none()});
    let no_rtmp = json!({"anyOf": [none(), {"type": "array", "maxItems": 0}]});
    let rtmp = json!({"type": "array", "minItems": 1, "maxItems": 10});
    let with = |base: Value, extra: &Value| {
        let mut b = base;
        if let (Some(b), Some(e)) = (b.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        b
    };
    let single = |t: Value, rtmp_urls: &Value, images: bool| {
        let props = json!({"output_type": t, "outputs": none(), "rtmp_urls": rtmp_urls});
        json!({"required": ["output_type"], "properties": if images { props } else { with(props, &no_images) }})
    };
    let several = |items: &[&str], contains: &[&str], rtmp_urls: &Value, images: bool| {
        let mut list = json!({"type": "array", "items": {"enum": items}});
        if !contains.is_empty() {
            list["allOf"] = contains.iter().map(|c| json!({"contains": {"const": c}})).collect();
        }
        let props = json!({"outputs": list, "output_type": none(), "rtmp_urls": rtmp_urls});
        json!({"required": ["outputs"], "properties": if images { props } else { with(props, &no_images) }})
    };
    let output_modes = json!({"anyOf": [
        with(single(json!({"const": "rtmp"}), &rtmp, false), &json!({"required": ["output_type", "rtmp_urls"]})),
        single(json!({"const": "images"}), &no_rtmp, true),
        single(json!({"enum": ["hls", "file"]}), &no_rtmp, false),
        with(several(&["hls", "file", "rtmp", "images"], &["rtmp", "images"], &rtmp, true), &json!({"required": ["outputs", "rtmp_urls"]})),
        with(several(&["hls", "file", "rtmp"], &["rtmp"], &rtmp, false), &json!({"required": ["outputs", "rtmp_urls"]})),
        several(&["hls", "file", "images"], &["images"], &no_rtmp, true),
        several(&["hls", "file"], &[], &no_rtmp, false),
    ]});
    let not_true = json!({"enum": [false, null]});
    let kind_modes = json!({"anyOf": [
        {"properties": {"egress_type": {"enum": ["room_composite", null]}, "track_id": none(),
            "audio_track_id": none(), "video_track_id": none()},
         "anyOf": [
            {"properties": {"audio_only": {"const": true}, "video_only": not_true}},
            {"properties": {"audio_only": not_true}}]},
        {"required": ["egress_type"],
         "properties": {"egress_type": {"const": "track_composite"}, "layout_type": none(), "track_id": none(),
            "audio_only": not_true, "video_only": not_true},
         "anyOf": [
            {"required": ["audio_track_id"], "properties": {"audio_track_id": {"type": "string", "minLength": 1}}},
            {"required": ["video_track_id"], "properties": {"video_track_id": {"type": "string", "minLength": 1}}}]},
        {"required": ["egress_type", "track_id"],
         "properties": {"egress_type": {"const": "track"}, "layout_type": none(), "audio_track_id": none(),
            "video_track_id": none(), "audio_only": not_true, "video_only": not_true, "preset": none(),
            "track_id": string(ID), "output_type": {"enum": ["file", null]},
            "outputs": {"anyOf": [none(), {"type": "array", "items": {"const": "file"}, "minItems": 1, "maxItems": 1}]}}},
    ]});
    let int = |lo: u32, hi: u32| opt(json!({"type": "integer", "minimum": lo, "maximum": hi}));
    let room = match with_room {
        true => json!({"type": "string", "pattern": ROOM, "maxLength": 128,
            "description": "The room, as the project names it (pulse namespaces it on LiveKit)"}),
        false => json!({"type": "null", "description": "Left out: a rule's egress takes its room from the trigger"}),
    };
    let mut schema = json!({
        "type": "object",
        "additionalProperties": false,
        "description": "What to record or stream. The output is `output_type` (one) or `outputs` (several, each \
            kind at most once); `rtmp_urls` go with an rtmp output and only with one, the image_* fields with \
            an images output; `egress_type` track writes one file of `track_id`, track_composite takes \
            `audio_track_id` and/or `video_track_id`, and only room_composite (the default) takes a layout, \
            audio_only or video_only (not both).",
        "properties": {
            "room_name": room,
            "output_type": opt(json!({"enum": outputs})),
            "outputs": opt(json!({"type": "array", "items": {"enum": outputs}, "minItems": 1, "uniqueItems": true})),
            "egress_type": opt(json!({"enum": names(EgressKind::ALL, EgressKind::as_str)})),
            "layout_type": opt(json!({"enum": names(Layout::ALL, Layout::as_str)})),
            "filename": opt(string(FILENAME)),
            "rtmp_urls": opt(json!({"type": "array", "maxItems": 10, "items": string(RTMP_URL)})),
            "audio_track_id": opt(string(ANY)),
            "video_track_id": opt(string(ANY)),
            "track_id": opt(string(ANY)),
            "audio_only": opt(json!({"type": "boolean"})),
            "video_only": opt(json!({"type": "boolean"})),
            "preset": opt(json!({"enum": PRESETS})),
            "start_attempts": int(1, 20),
            "max_duration": opt(string(MAX_DURATION)),
            "image_interval_secs": int(1, 3600),
            "image_width": int(16, 3840),
            "image_height": int(16, 2160),
        },
        "allOf": [output_modes, kind_modes],
    });
    if with_room {
        schema["required"] = json!(["room_name"]);
    }
    schema
}

/// `POST /v1/media/ingress/create`'s body.
fn create_ingress() -> Value {
    let not_false = json!({"enum": [true, null]});
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["room_name", "participant_name", "ingress_type"],
        "description": "`url` (http://, https:// or srt://) for ingress_type url, and only for it; audio and \
            video cannot both be off.",
        "properties": {
            "room_name": {"type": "string", "pattern": ROOM, "maxLength": 128},
            "participant_name": string(ID),
            "participant_identity": opt(string(ANY)),
            "ingress_type": {"enum": names(IngressKind::ALL, IngressKind::as_str)},
            "url": opt(json!({"type": "string", "pattern": PULL_URL, "maxLength": 2048})),
            "name": opt(string(ANY)),
            "audio_enabled": opt(json!({"type": "boolean"})),
            "video_enabled": opt(json!({"type": "boolean"})),
        },
        "allOf": [
            {"anyOf": [
                {"required": ["url"], "properties": {"ingress_type": {"const": "url"}, "url": {"type": "string"}}},
                {"properties": {"ingress_type": {"enum": ["rtmp", "whip"]}, "url": none()}}]},
            {"anyOf": [{"properties": {"audio_enabled": not_false}}, {"properties": {"video_enabled": not_false}}]},
        ],
    })
}

/// Replaces `schemas.<name>.properties.<field>` (kept nullable when it was).
fn field(schemas: &mut Value, name: &str, field: &str, schema: Value) {
    let slot = &mut schemas[name]["properties"][field];
    let nullable = slot["type"].as_array().is_some_and(|t| t.iter().any(|t| t == "null"))
        || slot["oneOf"].as_array().is_some_and(|o| o.iter().any(|s| s["type"] == "null"));
    let description = slot["description"].clone();
    let mut s = if nullable { opt(schema) } else { schema };
    if !description.is_null() {
        s["description"] = description;
    }
    *slot = s;
}

/// Points every `$ref` to `from` inside `v` at `to`.
fn retarget_refs(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::Object(m) => {
            if m.get("$ref").and_then(Value::as_str) == Some(from) {
                m.insert("$ref".into(), json!(to));
            }
            m.values_mut().for_each(|v| retarget_refs(v, from, to));
        }
        Value::Array(a) => a.iter_mut().for_each(|v| retarget_refs(v, from, to)),
        _ => {}
    }
}

/// Writes what this module knows into `doc` (the document `openapi::document` builds).
pub fn refine(doc: &mut Value) {
    let schemas = &mut doc["components"]["schemas"];
    schemas["StartEgress"] = start_egress(true);
    schemas["RuleEgress"] = start_egress(false);
    // As a rule shows it: what was checked, its RTMP targets masked (`rtmp://host/app/****`,
    // which need not look like what was sent); the cross-field rules are the request's.
    let mut view = start_egress(false);
    view["properties"]["rtmp_urls"] = opt(json!({"type": "array", "maxItems": 10, "items": {"type": "string"}}));
    if let Some(v) = view.as_object_mut() {
        v.remove("allOf");
    }
    schemas["RuleEgressView"] = view;
    schemas["CreateIngress"] = create_ingress();

    let events = json!({"type": "array", "items": {"enum": names(EventKind::ALL, EventKind::as_str)}});
    let url = json!({"type": "string", "pattern": HTTP_URL, "maxLength": 2048});
    let headers = json!({"type": "object", "maxProperties": 20,
        "propertyNames": {"pattern": header_name(RESERVED_HEADERS)},
        "additionalProperties": {"type": "string", "maxLength": 1024, "pattern": HEADER_VALUE}});
    for name in ["CreateEndpoint", "PatchEndpoint"] {
        field(schemas, name, "url", url.clone());
        field(schemas, name, "events", events.clone());
        field(schemas, name, "description", json!({"type": "string", "maxLength": 256, "pattern": TEXT}));
        field(
            schemas,
            name,
            "rooms",
            json!({"type": "array", "maxItems": 32, "items": {"type": "string", "maxLength": 128, "pattern": GLOB}}),
        );
        field(schemas, name, "retry_schedule", json!({"type": "array", "maxItems": 20, "items": string(WAIT)}));
        field(schemas, name, "filters", json!({"type": "array", "maxItems": 10, "items": string(FILTER)}));
        field(schemas, name, "headers", headers.clone());
    }
    field(schemas, "ReplayRequest", "url", url);
    field(schemas, "StopEgress", "egress_id", string(ID));
    let rtmp_list = json!({"type": "array", "items": string(RTMP_URL)});
    field(schemas, "UpdateEgress", "egress_id", string(ID));
    field(schemas, "UpdateEgress", "add_rtmp_urls", rtmp_list.clone());
    field(schemas, "UpdateEgress", "remove_rtmp_urls", rtmp_list);
    schemas["UpdateEgress"]["allOf"] = json!([{"anyOf": [
        {"required": ["add_rtmp_urls"], "properties": {"add_rtmp_urls": {"type": "array", "minItems": 1}}},
        {"required": ["remove_rtmp_urls"], "properties": {"remove_rtmp_urls": {"type": "array", "minItems": 1}}},
    ]}]);
    field(schemas, "TokenRequest", "room_name", json!({"type": "string", "pattern": ROOM, "maxLength": 128}));
    field(schemas, "TokenRequest", "identity", json!({"type": "string", "pattern": NAME, "maxLength": 256}));
    field(schemas, "TokenRequest", "name", json!({"type": "string", "pattern": TEXT, "maxLength": 256}));
    field(schemas, "RecoverEndpoint", "since", string(TIME));
    let glob = json!({"type": "string", "pattern": NAME, "maxLength": 128});
    field(schemas, "RuleRequest", "room_glob", glob);
    field(schemas, "RuleRequest", "trigger", json!({"enum": names(RuleTrigger::ALL, RuleTrigger::as_str)}));
    field(schemas, "RuleRequest", "egress", json!({"$ref": "#/components/schemas/RuleEgress"}));
    // A new rule needs its egress; a change may leave it as it was.
    let mut new_rule = schemas["RuleRequest"].clone();
    new_rule["required"] = json!(["egress"]);
    new_rule["properties"]["egress"] = json!({"$ref": "#/components/schemas/RuleEgress"});
    schemas["NewRule"] = new_rule;
    // Everything else that named the start's body is a rule's egress as shown (without a room).
    let start = "#/components/schemas/StartEgress";
    if let Some(paths) = doc["paths"].as_object_mut() {
        for (_, item) in paths.iter_mut().filter(|(p, _)| p.as_str() != "/v1/media/egress/start") {
            retarget_refs(item, start, "#/components/schemas/RuleEgressView");
        }
    }
    for (name, schema) in doc["components"]["schemas"].as_object_mut().into_iter().flatten() {
        if name != "StartEgress" {
            retarget_refs(schema, start, "#/components/schemas/RuleEgressView");
        }
    }
    doc["paths"]["/v1/media/rules"]["post"]["requestBody"]["content"]["application/json"]["schema"] =
        json!({"$ref": "#/components/schemas/NewRule"});

    // Time bounds in queries.
    if let Some(paths) = doc["paths"].as_object_mut() {
        for op in paths.values_mut().filter_map(Value::as_object_mut).flat_map(|item| item.values_mut()) {
            for p in op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                if ["since", "until", "from", "to"].contains(&p["name"].as_str().unwrap_or_default()) {
                    p["schema"] = string(TIME);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_name_pattern_leaves_out_the_reserved_ones_in_any_case() {
        let p = header_name(&["host", "x-pulse-event"]);
        assert!(p.starts_with("^(?!([hH][oO][sS][tT]|[xX]\\-"), "{p}");
    }
}
