//! Who is calling: project keys, the admin token, and the rate limits that apply to each
//! (the security schemes of `docs/openapi.json`; README "Limits").

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use subtle::ConstantTimeEq;
use warp::Filter;

use super::AppState;
use super::reject::ApiError;
use crate::store::ProjectRecord;

/// The credentials and address a request arrived with.
#[derive(Debug, Clone)]
pub struct Caller {
    pulse_key: Option<String>,
    bearer: Option<String>,
    ip: Option<IpAddr>,
}

/// Which credential a route takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Admin,
    /// A project's API key.
    Project,
}

/// Extracts the [`Caller`]; never rejects (handlers decide what is required). An empty
/// credential is no credential (HTTP/2 keeps the trailing space of `Bearer ` that HTTP/1.1
/// trims); one that is not ASCII is kept as given, so that it fails as a wrong key (401)
/// rather than as a malformed request.
pub fn caller() -> impl Filter<Extract = (Caller,), Error = std::convert::Infallible> + Clone {
    warp::header::headers_cloned().and(warp::ext::optional::<super::server::ClientAddr>()).map(
        |headers: warp::http::HeaderMap, addr: Option<super::server::ClientAddr>| {
            let text = |name: &str| headers.get(name).map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string());
            let present = |s: String| (!s.is_empty()).then_some(s);
            Caller {
                pulse_key: text("x-pulse-key").and_then(present),
                bearer: text("authorization")
                    .and_then(|a| {
                        a.strip_prefix("Bearer ").or_else(|| a.strip_prefix("bearer ")).map(|t| t.trim().to_string())
                    })
                    .and_then(present),
                ip: addr.map(|a| a.0.ip()),
            }
        },
    )
}

type Limiter<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// Per-IP and per-project token buckets (governor's GCRA).
pub struct RateLimits {
    per_ip: Limiter<IpAddr>,
    per_ip_limit: u32,
    per_project: Limiter<String>,
    per_project_limit: u32,
}

impl RateLimits {
    /// Limits of `per_ip` and `per_project` requests a minute.
    pub fn new(per_ip: u32, per_project: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("n ≥ 1"));
        RateLimits {
            per_ip: RateLimiter::keyed(quota(per_ip)).with_middleware::<StateInformationMiddleware>(),
            per_ip_limit: per_ip,
            per_project: RateLimiter::keyed(quota(per_project)).with_middleware::<StateInformationMiddleware>(),
            per_project_limit: per_project,
        }
    }

    /// Forgets the buckets of clients and projects that are back to full (every new source
    /// address adds one; without this, memory grows with every address ever seen).
    pub fn evict(&self) {
        self.per_ip.retain_recent();
        self.per_ip.shrink_to_fit();
        self.per_project.retain_recent();
        self.per_project.shrink_to_fit();
    }

    /// How many client addresses have a bucket now.
    pub fn tracked_ips(&self) -> usize {
        self.per_ip.len()
    }

    fn check<K: std::hash::Hash + Eq + Clone>(
        limiter: &Limiter<K>,
        key: &K,
        limit: u32,
        scope: &str,
    ) -> Result<(), ApiError> {
        limiter.check_key(key).map(|_| ()).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            ApiError::rate_limited(limit, wait.as_secs_f64().ceil().max(1.0) as u64, scope)
        })
    }

    fn check_ip(&self, ip: Option<IpAddr>) -> Result<(), ApiError> {
        match ip {
            Some(ip) => Self::check(&self.per_ip, &ip, self.per_ip_limit, "client IP"),
            None => Ok(()),
        }
    }

    fn check_project(&self, project_id: &str) -> Result<(), ApiError> {
        Self::check(&self.per_project, &project_id.to_string(), self.per_project_limit, "project")
    }
}

/// How a caller may see a project: with its key (everything), or through a console link
/// (reading, replaying to the endpoint's own URL and sending test events; a `--manage` link
/// also its endpoints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Key,
    Link(super::console::Scope),
}

impl AppState {
    /// The calling project, after the per-IP and per-project limits.
    pub async fn project(&self, caller: &Caller) -> Result<ProjectRecord, ApiError> {
        self.limits.check_ip(caller.ip)?;
        if caller.pulse_key.is_none() && caller.bearer.as_deref().is_some_and(super::console::is_link) {
            return Err(ApiError::forbidden(
                "a console link can only look and replay; this needs the project's API key",
            ));
        }
        let key = caller.pulse_key.as_deref().or(caller.bearer.as_deref()).ok_or_else(|| {
            ApiError::unauthenticated("missing API key; send it as X-Pulse-Key: pulse_key_… (or Authorization: Bearer)")
        })?;
        let project =
            self.core.project_for_key(key).await?.ok_or_else(|| ApiError::unauthenticated("invalid API key"))?;
        self.limits.check_project(&project.id)?;
        Ok(project)
    }

    /// The project a caller may look at: by its key, or by a console link for it.
    pub async fn viewer(&self, caller: &Caller) -> Result<(ProjectRecord, Access), ApiError> {
        let Some(link) = caller.bearer.as_deref().filter(|b| caller.pulse_key.is_none() && super::console::is_link(b))
        else {
            return Ok((self.project(caller).await?, Access::Key));
        };
        self.limits.check_ip(caller.ip)?;
        let (id, scope) = super::console::verify(&self.admin_token, link).map_err(ApiError::unauthenticated)?;
        let project = self
            .core
            .store
            .project(&id.as_str().into())
            .await?
            .ok_or_else(|| ApiError::unauthenticated("the project this console link opens no longer exists"))?;
        self.limits.check_project(&project.id)?;
        Ok((project, Access::Link(scope)))
    }

    /// The project whose endpoints a caller may change: by its key, or by a console link
    /// minted with `--manage`.
    pub async fn endpoint_manager(&self, caller: &Caller) -> Result<ProjectRecord, ApiError> {
        match self.viewer(caller).await? {
            (p, Access::Key | Access::Link(super::console::Scope::Manage)) => Ok(p),
            (_, Access::Link(_)) => Err(ApiError::forbidden(
                "this console link can only look and replay; changing endpoints needs the project's API key \
                 or a link made with `pulse console link --manage`",
            )),
        }
    }

    /// Whose idempotency keys a caller's are, on a route that takes `who`: `admin` for the
    /// admin token, else its project's id; `None` when the credential is not the one the route
    /// takes (the handler then refuses it as it would). Spends no rate limit (the handler does).
    pub async fn owner(&self, caller: &Caller, who: Who) -> Option<String> {
        let admin = caller.bearer.as_deref().is_some_and(|b| {
            !self.admin_token.is_empty() && bool::from(b.as_bytes().ct_eq(self.admin_token.as_bytes()))
        });
        match who {
            Who::Admin => admin.then(|| "admin".into()),
            Who::Project if admin => None,
            Who::Project => {
                let key = caller.pulse_key.as_deref().or(caller.bearer.as_deref())?;
                Some(self.core.project_for_key(key).await.ok()??.id.to_string())
            }
        }
    }

    /// Checks the admin token (after the per-IP limit).
    pub fn admin(&self, caller: &Caller) -> Result<(), ApiError> {
        self.limits.check_ip(caller.ip)?;
        let token = caller.bearer.as_deref().ok_or_else(|| {
            ApiError::unauthenticated("missing admin token; send Authorization: Bearer <admin token>")
        })?;
        // The daemon refuses to start with a short admin token; an empty one never matches.
        if !self.admin_token.is_empty() && bool::from(token.as_bytes().ct_eq(self.admin_token.as_bytes())) {
            Ok(())
        } else {
            Err(ApiError::unauthenticated("invalid admin token"))
        }
    }

    /// Whether `caller` holds a credential that works here (any project's key or the admin
    /// token), before its body is read. No rate limit is spent on a good one (the handler
    /// spends it); a bad one costs its IP a request.
    pub async fn authenticated(&self, caller: &Caller) -> Result<(), ApiError> {
        if let Some(b) = caller.bearer.as_deref()
            && !self.admin_token.is_empty()
            && bool::from(b.as_bytes().ct_eq(self.admin_token.as_bytes()))
        {
            return Ok(());
        }
        if let Some(key) = caller.pulse_key.as_deref().or(caller.bearer.as_deref())
            && self.core.project_for_key(key).await?.is_some()
        {
            return Ok(());
        }
        if let Some(link) = caller.bearer.as_deref().filter(|b| super::console::is_link(b))
            && super::console::verify(&self.admin_token, link).is_ok()
        {
            return Ok(());
        }
        self.limits.check_ip(caller.ip)?;
        Err(match (&caller.pulse_key, &caller.bearer) {
            (None, None) => ApiError::unauthenticated(
                "missing credentials; send X-Pulse-Key: pulse_key_… or Authorization: Bearer <admin token>",
            ),
            _ => ApiError::unauthenticated("invalid API key or admin token"),
        })
    }

    /// The calling project when the credential is a project key (after the same checks as
    /// [`AppState::project`]); `None` for the admin token (after [`AppState::admin`]).
    pub async fn project_or_admin(&self, caller: &Caller) -> Result<Option<ProjectRecord>, ApiError> {
        if caller.pulse_key.is_some() || caller.bearer.as_deref().is_some_and(|b| b.starts_with("pulse_key_")) {
            self.project(caller).await.map(Some)
        } else {
            self.admin(caller).map(|_| None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_of_quiet_addresses_are_forgotten() {
        // 60,000 a minute: a bucket is full again a millisecond after its last request.
        let limits = RateLimits::new(60_000, 60_000);
        for i in 0..100u8 {
            limits.check_ip(Some(IpAddr::from([10, 0, 0, i]))).unwrap();
        }
        assert_eq!(limits.tracked_ips(), 100);
        std::thread::sleep(std::time::Duration::from_millis(20));
        limits.evict();
        assert_eq!(limits.tracked_ips(), 0, "every bucket was full again");
    }
}
