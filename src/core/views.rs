//! Records as the API shows them: RFC 3339 times, wire names, secrets left out.

use crate::api;
use crate::model::{RecordingState, rfc3339_ms};
use crate::store::{
    AttemptRecord, DeliveryRecord, EgressRecord, EndpointRecord, IngressRecord, PageReq, Paged, ProjectRecord,
    RuleRecord,
};

/// One page of a list answer.
pub fn page<R, T>(p: Paged<R>, req: PageReq, f: impl Fn(&R) -> T) -> api::Page<T> {
    let limit = u64::from(req.limit.max(1));
    api::Page {
        data: p.items.iter().map(f).collect(),
        pagination: api::Pagination {
            page: req.page,
            limit: req.limit,
            total: p.total,
            total_pages: p.total.div_ceil(limit),
        },
    }
}

pub fn project(p: &ProjectRecord) -> api::Project {
    api::Project {
        project_id: p.id.to_string(),
        name: p.name.clone(),
        api_key_prefix: p.key_prefix.clone(),
        storage: p.storage.as_ref().and_then(|s| s.validate("storage.").ok()).map(|s| s.view()),
        created_at: rfc3339_ms(p.created_ms),
        limits: api::ProjectLimits {
            egress_minutes_per_month: p.limits.egress_minutes_per_month,
            participant_minutes_per_month: p.limits.participant_minutes_per_month,
            concurrent_egress: p.limits.concurrent_egress,
            soft: p.limits.soft,
        },
    }
}

pub fn egress(e: &EgressRecord) -> api::Egress {
    api::Egress {
        egress_id: e.id.to_string(),
        livekit_egress_id: e.livekit_id.clone(),
        project_id: e.project_id.to_string(),
        room_name: e.room_name.clone(),
        egress_type: e.kind.as_str().into(),
        output_type: e.output.as_str().into(),
        outputs: e.output_types().iter().map(|t| t.as_str().to_string()).collect(),
        layout_type: e.layout.map(|l| l.as_str().into()),
        filename: e.filename.clone(),
        status: e.status.as_str().into(),
        livekit_status: e.livekit_status.clone(),
        cdn_playback_url: e.cdn_playback_url.clone(),
        file_url: e.file_url.clone(),
        rtmp_urls: e.rtmp_urls.clone(),
        error: e.error.clone(),
        created_at: rfc3339_ms(e.created_ms),
        started_at: e.started_ms.map(rfc3339_ms),
        ended_at: e.ended_ms.map(rfc3339_ms),
        updated_at: rfc3339_ms(e.updated_ms),
        rule_id: e.rule_id.as_ref().map(ToString::to_string),
        part: e.filename.as_deref().map(|f| super::validate::filename_part(f).1).filter(|n| *n > 1),
        recording: e.recording.as_ref().map(|c| api::Recording {
            verification: c.state.as_str().into(),
            verified: c.state == RecordingState::Verified,
            object_key: crate::media::object_key(e.output, &e.project_id, e.filename.as_deref()),
            size_bytes: c.size_bytes,
            segments: c.segments,
            detail: c.detail.clone(),
            attempts: c.attempts,
            checked_at: c.checked_ms.map(rfc3339_ms),
            next_check_at: (c.state == RecordingState::Pending).then(|| rfc3339_ms(c.next_ms)),
        }),
        max_duration_secs: e.max_duration_ms.map(|ms| (ms / 1000) as u64),
        images: e.outputs.images.as_ref().map(|i| api::Images {
            interval_secs: i.interval_secs,
            width: i.width,
            height: i.height,
            object_prefix: i.prefix.clone(),
            count: i.count,
            latest_url: i.url_prefix.as_ref().filter(|_| i.count > 0).map(|u| crate::media::image_key(u, i.count - 1)),
        }),
        start_retry: e.start.as_ref().filter(|s| s.attempts > 1 || s.last_error.is_some()).map(|s| api::StartRetry {
            attempts: s.attempts,
            max_attempts: s.max_attempts,
            last_error: s.last_error.clone(),
            next_attempt_at: (e.status == crate::model::EgressStatus::Pending && e.livekit_id.is_none())
                .then(|| rfc3339_ms(s.next_ms)),
        }),
    }
}

pub fn rule(r: &RuleRecord) -> api::Rule {
    api::Rule {
        rule_id: r.id.to_string(),
        room_glob: r.room_glob.clone(),
        trigger: r.trigger.as_str().into(),
        egress: {
            // Stream keys are secrets: a rule keeps them to start its egress, and shows them masked.
            let mut e: api::StartEgress = serde_json::from_str(&r.egress).unwrap_or_default();
            e.rtmp_urls = e.rtmp_urls.map(|urls| urls.iter().map(|u| crate::util::mask_rtmp_url(u)).collect());
            e
        },
        enabled: r.enabled,
        created_at: rfc3339_ms(r.created_ms),
        updated_at: rfc3339_ms(r.updated_ms),
    }
}

pub fn ingress(i: &IngressRecord) -> api::Ingress {
    api::Ingress {
        ingress_id: i.id.to_string(),
        livekit_ingress_id: i.livekit_id.clone(),
        project_id: i.project_id.to_string(),
        ingress_type: i.kind.as_str().into(),
        name: i.name.clone(),
        room_name: i.room_name.clone(),
        participant_name: i.participant_name.clone(),
        participant_identity: i.participant_identity.clone(),
        rtmp_url: i.rtmp_url.clone(),
        rtmp_stream_key: i.rtmp_stream_key.clone(),
        whip_url: i.whip_url.clone(),
        url: i.url.clone(),
        status: i.status.as_str().into(),
        error: i.error.clone(),
        audio_enabled: i.audio_enabled,
        video_enabled: i.video_enabled,
        created_at: rfc3339_ms(i.created_ms),
        updated_at: rfc3339_ms(i.updated_ms),
        deleted_at: i.deleted_ms.map(rfc3339_ms),
    }
}

/// An endpoint without its secret.
pub fn endpoint(e: &EndpointRecord) -> api::Endpoint {
    api::Endpoint {
        endpoint_id: e.id.to_string(),
        url: e.url.clone(),
        events: e.events.iter().map(|k| k.as_str().to_string()).collect(),
        rooms: e.options.rooms.clone(),
        filters: e.options.filters.clone(),
        disable_after_days: e.options.disable_after_days(),
        rate_limit: e.options.rate_limit,
        ordering: if e.options.ordered { "resource" } else { "none" }.into(),
        failing_since: e.options.health.failing_since_ms.map(rfc3339_ms),
        signature: if e.current_secret().is_some_and(|s| s.starts_with("whsk_")) { "v1a" } else { "v1" }.into(),
        public_key: e.current_secret().and_then(crate::webhooks::signing::public_key),
        headers: e.options.headers.iter().map(|(name, _)| (name.clone(), "********".to_string())).collect(),
        retry_schedule: (!e.options.retry_schedule_secs.is_empty())
            .then(|| e.options.retry_schedule_secs.iter().map(|s| short_duration(*s)).collect()),
        description: e.description.clone(),
        enabled: e.enabled,
        disabled_reason: e.disabled_reason.clone(),
        created_at: rfc3339_ms(e.created_ms),
        secret: None,
    }
}

/// Seconds as the shortest exact `<n>h`, `<n>m` or `<n>s`.
fn short_duration(secs: u64) -> String {
    match secs {
        s if s > 0 && s % 3600 == 0 => format!("{}h", s / 3600),
        s if s > 0 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// What an endpoint's answers may show of its current key: the `whsec_` secret (only in those
/// that create or reveal it), or a `v1a` endpoint's `whpk_` public key (its private key never
/// leaves pulse).
pub fn shown_secret(e: &EndpointRecord) -> Option<String> {
    let current = e.current_secret()?;
    crate::webhooks::signing::public_key(current).or_else(|| Some(current.to_string()))
}

/// An endpoint with its current secret (the answers that create or reveal it).
pub fn endpoint_with_secret(e: &EndpointRecord) -> api::Endpoint {
    api::Endpoint { secret: shown_secret(e), ..endpoint(e) }
}

pub fn log(d: &DeliveryRecord) -> api::WebhookLog {
    api::WebhookLog {
        id: d.id.to_string(),
        event_id: d.event_id.to_string(),
        event: d.event.as_str().into(),
        endpoint_id: d.endpoint_id.to_string(),
        url: d.url.clone(),
        status: d.status.as_str().into(),
        attempt_count: d.attempts.len() as u32,
        max_attempts: d.max_attempts,
        next_attempt_at: d.next_attempt_ms.map(rfc3339_ms),
        last_status_code: d.last_status_code,
        last_error: d.last_error.clone(),
        created_at: rfc3339_ms(d.created_ms),
        updated_at: rfc3339_ms(d.updated_ms),
        delivered_at: d.delivered_ms.map(rfc3339_ms),
    }
}

/// Attempt number `n` (from 1).
pub fn attempt(n: usize, a: &AttemptRecord) -> api::Attempt {
    api::Attempt {
        attempt: n as u32,
        at: rfc3339_ms(a.at_ms),
        status_code: a.status_code,
        duration_ms: a.duration_ms,
        error: a.error.map(|e| e.as_str().into()),
        response_body: a.response_body.clone(),
        trigger: a.trigger.as_str().into(),
        url: a.url.clone(),
    }
}

pub fn attempts(d: &DeliveryRecord) -> Vec<api::Attempt> {
    d.attempts.iter().enumerate().map(|(i, a)| attempt(i + 1, a)).collect()
}

/// An event's typed `data` (an `api::…EventData`) as the JSON it is stored and sent as.
pub fn data<T: serde::Serialize>(data: T) -> serde_json::Value {
    serde_json::to_value(data).unwrap_or_default()
}
