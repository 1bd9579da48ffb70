//! Webhook endpoints: create, list, get, reveal the secret, patch, delete and rotate the
//! secret. Every change is a compare-and-swap on what was read, so concurrent changes never
//! undo each other (a rotation is never lost, a deleted endpoint never comes back).

use super::pacing::MAX_RATE;
use super::validate::{one_of, required};
use super::{Core, CoreError, CoreResult, views};
use crate::api::{self, CreateEndpoint, PatchEndpoint, RotateSecret};
use crate::ids::*;
use crate::model::{DeliveryStatus, EventKind, Millis, now_ms};
use crate::store::{
    Changes, Committed, EndpointOptions, EndpointRecord, Expect, LogFilter, Op, PageReq, Paged, ProjectRecord,
    SecretEntry,
};
use crate::webhooks::signing;

/// The longest grace period a rotation may give the old secret.
const MAX_GRACE_SECONDS: u64 = 7 * 86_400;
/// Retired secrets still in their grace period that keep signing: the newest few. Each adds a
/// signature to every delivery, so an endpoint rotated in a loop must not grow them without
/// bound (hundreds made every delivery's headers too big to send).
pub const MAX_RETIRED_SECRETS: usize = 3;

fn events(names: &[String]) -> CoreResult<Vec<EventKind>> {
    names.iter().map(|e| one_of("events", e, EventKind::parse, &EventKind::names())).collect()
}

/// The most room globs one endpoint may have.
const MAX_ROOM_GLOBS: usize = 32;

/// Room globs as rules take them (`*` and `?` over the project's own room names).
fn rooms(globs: Vec<String>) -> CoreResult<Vec<String>> {
    if globs.len() > MAX_ROOM_GLOBS {
        return Err(CoreError::invalid("rooms", format!("rooms takes at most {MAX_ROOM_GLOBS} globs")));
    }
    for g in &globs {
        super::validate::check_glob("rooms", g)?;
    }
    Ok(globs)
}

/// The most waits an endpoint's retry schedule may have, the longest one, and the longest all
/// together (about what Standard Webhooks' example and Svix's 27.6 h allow, with room).
const MAX_RETRIES: usize = 20;
const MAX_WAIT_SECS: u64 = 24 * 3600;
const MAX_SCHEDULE_SECS: u64 = 3 * 24 * 3600;

/// A retry schedule as the API takes it (`["1m", "10m"]`) → seconds.
fn retry_schedule(waits: &[String]) -> CoreResult<Vec<u64>> {
    let bad = |m: String| CoreError::invalid("retry_schedule", m);
    if waits.len() > MAX_RETRIES {
        return Err(bad(format!("retry_schedule takes at most {MAX_RETRIES} waits, not {}", waits.len())));
    }
    let mut secs = Vec::new();
    for w in waits {
        let d = crate::util::parse_duration(w).map_err(|e| bad(format!("retry_schedule: `{w}`: {e}")))?;
        let s = d.as_secs();
        if !(1..=MAX_WAIT_SECS).contains(&s) || d.subsec_nanos() != 0 {
            return Err(bad(format!("retry_schedule: `{w}` must be whole seconds, 1 s to 24 h")));
        }
        secs.push(s);
    }
    if secs.iter().sum::<u64>() > MAX_SCHEDULE_SECS {
        return Err(bad("retry_schedule: the waits add up to more than 3 days".into()));
    }
    Ok(secs)
}

/// Headers an endpoint may not set: what HTTP and pulse's signatures decide.
pub const RESERVED_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "x-pulse-signature",
    "x-pulse-event",
];
const MAX_HEADERS: usize = 20;

/// Custom headers checked, their values sealed.
fn headers(core: &Core, given: &std::collections::BTreeMap<String, String>) -> CoreResult<Vec<(String, String)>> {
    let bad = |m: String| CoreError::invalid("headers", m);
    if given.len() > MAX_HEADERS {
        return Err(bad(format!("headers takes at most {MAX_HEADERS}")));
    }
    let mut out = Vec::new();
    for (name, value) in given {
        let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
        if name.is_empty() || name.len() > 64 || !name.chars().all(token) {
            return Err(bad(format!("headers: `{name}` is not a header name (letters, digits, - and the like)")));
        }
        if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(bad(format!("headers: `{name}` is set by pulse itself and cannot be replaced")));
        }
        if value.chars().count() > 1024 || value.chars().any(|c| c.is_control() && c != '\t') {
            return Err(bad(format!(
                "headers: the value of `{name}` must be at most 1024 characters, without line breaks"
            )));
        }
        out.push((name.clone(), core.sealer.seal(value)));
    }
    Ok(out)
}

fn check_disable_after(days: u32) -> CoreResult<u32> {
    if days > 90 {
        return Err(CoreError::invalid(
            "disable_after_days",
            format!("disable_after_days must be 0 to 90, not {days}"),
        ));
    }
    Ok(days)
}

/// A rate limit as asked: 1 to [`MAX_RATE`] per second; 0 means none where `zero_is_none`.
fn rate_limit(per_second: u32, zero_is_none: bool) -> CoreResult<Option<u32>> {
    match per_second {
        0 if zero_is_none => Ok(None),
        1..=MAX_RATE => Ok(Some(per_second)),
        n => Err(CoreError::invalid(
            "rate_limit",
            format!(
                "rate_limit is deliveries per second, 1 to {MAX_RATE}{}, not {n}",
                if zero_is_none { " (0: none)" } else { "" }
            ),
        )),
    }
}

/// `ordering`: whether each resource's deliveries go in order.
fn ordering(value: &str) -> CoreResult<bool> {
    match value {
        "none" => Ok(false),
        "resource" => Ok(true),
        other => Err(CoreError::invalid(
            "ordering",
            format!(
                "ordering must be `resource` (each egress's, ingress's or room's deliveries in order) or `none`, not `{other}`"
            ),
        )),
    }
}

impl Core {
    /// A URL pulse will send to (an endpoint's, or a replay's `--to`): its text, its shape and
    /// the address policy.
    pub(super) async fn check_url(&self, url: &str) -> CoreResult<()> {
        super::validate::text("url", url, super::validate::MAX_URL)?;
        super::validate::url_shape("url", url, &["http", "https"])?;
        self.sender.guard().check_url(url).await.map_err(|m| CoreError::invalid("url", m))
    }

    /// A new endpoint record, checked (URL policy, events) but not stored.
    pub async fn new_endpoint(&self, project_id: &str, req: CreateEndpoint) -> CoreResult<EndpointRecord> {
        let url = required("url", req.url)?;
        self.check_url(&url).await?;
        let events = events(&req.events.unwrap_or_default())?;
        let rooms = rooms(req.rooms.unwrap_or_default())?;
        let retry_schedule_secs = retry_schedule(req.retry_schedule.as_deref().unwrap_or_default())?;
        let filters = req.filters.unwrap_or_default();
        super::filters::check("filters", &filters)?;
        let disable_after_days = req.disable_after_days.map(check_disable_after).transpose()?;
        let headers = headers(self, &req.headers.unwrap_or_default())?;
        let rate_limit = req.rate_limit.map(|n| rate_limit(n, false)).transpose()?.flatten();
        let ordered = req.ordering.as_deref().map(ordering).transpose()?.unwrap_or(false);
        let secret = match req.signature.as_deref() {
            None | Some("v1") => signing::new_secret(),
            Some("v1a") => signing::new_asymmetric_secret(),
            Some(other) => {
                return Err(CoreError::invalid(
                    "signature",
                    format!("signature must be v1 (HMAC, whsec_) or v1a (ed25519, whpk_), not `{other}`"),
                ));
            }
        };
        if let Some(d) = &req.description {
            super::validate::text("description", d, 256)?;
        }
        Ok(EndpointRecord {
            id: EndpointId::mint(),
            project_id: project_id.into(),
            url,
            events,
            description: req.description,
            enabled: true,
            disabled_reason: None,
            created_ms: now_ms(),
            secrets: vec![SecretEntry { secret, expires_ms: None }],
            rev: 1,
            options: EndpointOptions {
                rooms,
                retry_schedule_secs,
                filters,
                health: Default::default(),
                disable_after_days,
                headers,
                rate_limit,
                ordered,
            },
        })
    }

    pub async fn create_endpoint(&self, project: &ProjectRecord, req: CreateEndpoint) -> CoreResult<api::Endpoint> {
        let record = self.new_endpoint(&project.id, req).await?;
        self.store
            .commit(Changes { livekit_event: None, ops: vec![Op::PutEndpoint(record.clone(), Expect::New)] })
            .await?;
        Ok(views::endpoint_with_secret(&record))
    }

    pub async fn list_endpoints(&self, project: &ProjectRecord, page: PageReq) -> CoreResult<api::Page<api::Endpoint>> {
        let all = self.store.endpoints(&project.id).await?;
        let total = all.len() as u64;
        let items = all.into_iter().skip(page.skip()).take(page.limit as usize).collect();
        Ok(views::page(Paged { items, total }, page, views::endpoint))
    }

    async fn find_endpoint(&self, project: &ProjectRecord, id: &str) -> CoreResult<EndpointRecord> {
        self.store
            .endpoint(&project.id, &id.into())
            .await?
            .ok_or_else(|| CoreError::not_found(format!("webhook endpoint {id}")))
    }

    /// How an endpoint has fared over the last 24 hours: deliveries by state, and the share
    /// of finished ones that were delivered.
    pub async fn endpoint_stats(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::EndpointStats> {
        let endpoint = self.find_endpoint(project, id).await?;
        const DAY: Millis = 24 * 3600 * 1000;
        let now = now_ms();
        let count = |status, since: Millis, until: Option<Millis>| {
            let filter = LogFilter {
                status: Some(status),
                endpoint_id: Some(endpoint.id.clone()),
                since_ms: Some(since),
                until_ms: until,
                ..Default::default()
            };
            async move { self.store.deliveries(&project.id, &filter, PageReq { page: 1, limit: 1 }).await.map(|p| p.total) }
        };
        let rate = |ok: u64, failed: u64| (ok + failed > 0).then(|| ok as f64 / (ok + failed) as f64);
        let since = now - DAY;
        let delivered = count(DeliveryStatus::Delivered, since, None).await?;
        let failed = count(DeliveryStatus::Failed, since, None).await?;
        let pending =
            count(DeliveryStatus::Pending, since, None).await? + count(DeliveryStatus::Retrying, since, None).await?;
        let mut daily = Vec::new();
        let today = now - now.rem_euclid(DAY);
        for back in (0..7).rev() {
            let start = today - back * DAY;
            let ok = count(DeliveryStatus::Delivered, start, Some(start + DAY - 1)).await?;
            let bad = count(DeliveryStatus::Failed, start, Some(start + DAY - 1)).await?;
            let date = crate::model::rfc3339_ms(start)[..10].to_string();
            daily.push(api::DayStats { date, delivered: ok, failed: bad, success_rate: rate(ok, bad) });
        }
        Ok(api::EndpointStats {
            endpoint_id: endpoint.id.into(),
            window_hours: 24,
            delivered,
            failed,
            pending,
            success_rate: rate(delivered, failed),
            daily,
        })
    }

    pub async fn get_endpoint(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Endpoint> {
        Ok(views::endpoint(&self.find_endpoint(project, id).await?))
    }

    pub async fn endpoint_secret(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::EndpointSecret> {
        let r = self.find_endpoint(project, id).await?;
        Ok(api::EndpointSecret { endpoint_id: id.into(), secret: views::shown_secret(&r).unwrap_or_default() })
    }

    /// Reads the endpoint, applies `change`, and commits it if nobody changed it meanwhile;
    /// otherwise reads again. A deleted endpoint is not found. Disabling it is
    /// `endpoint.disabled` to the project's other endpoints; enabling it starts its health anew.
    pub(super) async fn change_endpoint(
        &self,
        project: &ProjectRecord,
        id: &str,
        change: impl Fn(&mut EndpointRecord),
    ) -> CoreResult<EndpointRecord> {
        loop {
            let current = self.find_endpoint(project, id).await?;
            let mut next = current.clone();
            change(&mut next);
            if next.enabled && !current.enabled {
                next.options.health = Default::default();
            }
            let mut changes =
                Changes { livekit_event: None, ops: vec![Op::PutEndpoint(next.clone(), Expect::Rev(current.rev))] };
            let events = match current.enabled && !next.enabled {
                true => {
                    let kinds = [crate::model::EventKind::EndpointDisabled];
                    self.operational_events(&mut changes, &next, &kinds, None, next.disabled_reason.clone()).await?
                }
                false => Vec::new(),
            };
            if let Committed::Applied = self.commit_events(changes, &events).await? {
                next.rev = current.rev + 1;
                return Ok(next);
            }
        }
    }

    pub async fn patch_endpoint(
        &self,
        project: &ProjectRecord,
        id: &str,
        req: PatchEndpoint,
    ) -> CoreResult<api::Endpoint> {
        if let Some(url) = &req.url {
            self.check_url(url).await?;
        }
        if let Some(d) = &req.description {
            super::validate::text("description", d, 256)?;
        }
        let kinds = req.events.as_deref().map(events).transpose()?;
        let globs = req.rooms.clone().map(rooms).transpose()?;
        let schedule = req.retry_schedule.as_deref().map(retry_schedule).transpose()?;
        if let Some(f) = &req.filters {
            super::filters::check("filters", f)?;
        }
        let disable_after = req.disable_after_days.map(check_disable_after).transpose()?;
        let new_headers = req.headers.as_ref().map(|h| headers(self, h)).transpose()?;
        let new_rate = req.rate_limit.map(|n| rate_limit(n, true)).transpose()?;
        let ordered = req.ordering.as_deref().map(ordering).transpose()?;
        let r = self
            .change_endpoint(project, id, |r| {
                if let Some(url) = &req.url {
                    r.url = url.clone();
                }
                if let Some(k) = &kinds {
                    r.events = k.clone();
                }
                if let Some(g) = &globs {
                    r.options.rooms = g.clone();
                }
                if let Some(s) = &schedule {
                    r.options.retry_schedule_secs = s.clone();
                }
                if let Some(f) = &req.filters {
                    r.options.filters = f.clone();
                }
                if let Some(d) = disable_after {
                    r.options.disable_after_days = Some(d);
                }
                if let Some(h) = &new_headers {
                    r.options.headers = h.clone();
                }
                if let Some(rate) = new_rate {
                    r.options.rate_limit = rate;
                }
                if let Some(o) = ordered {
                    r.options.ordered = o;
                }
                if let Some(d) = &req.description {
                    r.description = Some(d.clone()).filter(|d| !d.is_empty());
                }
                if let Some(enabled) = req.enabled {
                    r.enabled = enabled;
                    if enabled {
                        r.disabled_reason = None;
                    } else {
                        r.disabled_reason.get_or_insert_with(|| "disabled through the API".into());
                    }
                }
            })
            .await?;
        Ok(views::endpoint(&r))
    }

    pub async fn delete_endpoint(&self, project: &ProjectRecord, id: &str) -> CoreResult<api::Deleted> {
        let current = self.find_endpoint(project, id).await?;
        let op = Op::DeleteEndpoint { project_id: project.id.clone(), id: id.into(), expect: Expect::Rev(current.rev) };
        match self.store.commit(Changes { livekit_event: None, ops: vec![op] }).await? {
            Committed::Applied => Ok(api::Deleted { id: id.into(), deleted: true }),
            // Changed meanwhile: delete what is there now (or say it is gone).
            _ => {
                let op = Op::DeleteEndpoint { project_id: project.id.clone(), id: id.into(), expect: Expect::Any };
                self.find_endpoint(project, id).await?;
                self.store.commit(Changes { livekit_event: None, ops: vec![op] }).await?;
                Ok(api::Deleted { id: id.into(), deleted: true })
            }
        }
    }

    /// A new secret signs from now on; the old one keeps signing too for `grace_seconds`
    /// (default 1 day, at most 7).
    pub async fn rotate_secret(
        &self,
        project: &ProjectRecord,
        id: &str,
        req: RotateSecret,
    ) -> CoreResult<api::Endpoint> {
        let grace = req.grace_seconds.unwrap_or(86_400);
        if grace > MAX_GRACE_SECONDS {
            return Err(CoreError::invalid(
                "grace_seconds",
                format!("grace_seconds must be at most {MAX_GRACE_SECONDS} (7 days)"),
            ));
        }
        let r = self
            .change_endpoint(project, id, |r| {
                // The new key is of the same kind as the one it replaces.
                let secret = match r.current_secret().is_some_and(|s| s.starts_with("whsk_")) {
                    true => signing::new_asymmetric_secret(),
                    false => signing::new_secret(),
                };
                let now = now_ms();
                for s in r.secrets.iter_mut().filter(|s| s.expires_ms.is_none()) {
                    s.expires_ms = Some(now + grace as i64 * 1000);
                }
                r.secrets.retain(|s| s.expires_ms.is_none_or(|t| t > now));
                r.secrets.insert(0, SecretEntry { secret: secret.clone(), expires_ms: None });
                // Newest first: the current one, then the most recently retired.
                r.secrets.truncate(1 + MAX_RETIRED_SECRETS);
            })
            .await?;
        Ok(views::endpoint_with_secret(&r))
    }
}
