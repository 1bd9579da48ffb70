//! Request handlers, one module per resource. Each is `async fn(state, caller, input) ->
//! Answer<T>`: authenticate, validate, act, answer. Shared request plumbing lives here.

pub mod egress;
pub mod ingress;
pub mod projects;
pub mod rooms;
pub mod status;
pub mod webhooks;

use std::collections::HashMap;

use warp::http::StatusCode;

use super::reject::ApiError;
use crate::api::{Page, Pagination};

/// What a handler returns: a status and a body, or an error.
pub type Answer<T> = Result<(StatusCode, T), ApiError>;

/// 200 with `body`.
pub fn ok<T>(body: T) -> Answer<T> {
    Ok((StatusCode::OK, body))
}

/// 201 with `body`.
pub fn created<T>(body: T) -> Answer<T> {
    Ok((StatusCode::CREATED, body))
}

/// A list call's query: page, limit and the filters the route allows.
pub struct ListQuery {
    pub page: u32,
    pub limit: u32,
    filters: HashMap<String, String>,
}

impl ListQuery {
    /// Parses `page`/`limit` and refuses parameters the route does not know.
    pub fn parse(q: &HashMap<String, String>, filters: &[&str]) -> Result<Self, ApiError> {
        let mut out = ListQuery { page: 1, limit: 20, filters: HashMap::new() };
        for (k, v) in q {
            match k.as_str() {
                "page" => {
                    out.page = v.parse().ok().filter(|p| *p >= 1).ok_or_else(|| {
                        ApiError::invalid("page", format!("page must be a whole number from 1, not `{v}`"))
                    })?
                }
                "limit" => {
                    out.limit =
                        v.parse().ok().filter(|l| (1..=100).contains(l)).ok_or_else(|| {
                            ApiError::invalid("limit", format!("limit must be from 1 to 100, not `{v}`"))
                        })?
                }
                f if filters.contains(&f) => {
                    out.filters.insert(k.clone(), v.clone());
                }
                other => {
                    let allowed = ["page", "limit"].iter().chain(filters).copied().collect::<Vec<_>>().join(", ");
                    return Err(ApiError::invalid(other, format!("unknown query parameter `{other}`; use {allowed}")));
                }
            }
        }
        Ok(out)
    }

    /// A filter's value, if given.
    pub fn filter(&self, name: &str) -> Option<&str> {
        self.filters.get(name).map(String::as_str)
    }

    /// A boolean filter (`true`/`false`).
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.filter(name) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") | Some("") => Ok(true),
            Some(v) => Err(ApiError::invalid(name, format!("{name} must be true or false, not `{v}`"))),
        }
    }

    /// Cuts one page out of `items` (already newest first).
    pub fn page<T>(&self, items: Vec<T>) -> Page<T> {
        let total = items.len() as u64;
        let limit = u64::from(self.limit);
        let skip = (u64::from(self.page) - 1).saturating_mul(limit);
        let data = items.into_iter().skip(skip as usize).take(self.limit as usize).collect();
        Page {
            data,
            pagination: Pagination { page: self.page, limit: self.limit, total, total_pages: total.div_ceil(limit) },
        }
    }
}

/// A required string field, trimmed; missing or blank → 400 naming it.
pub fn required(field: &str, value: Option<String>) -> Result<String, ApiError> {
    match value.map(|v| v.trim().to_string()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ApiError::invalid(field, format!("{field} is required"))),
    }
}

/// One of `allowed`, else 400 listing them.
pub fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(ApiError::invalid(field, format!("{field} must be one of {}, not `{value}`", allowed.join(", "))))
    }
}

/// Room names: 1–128 printable characters (LiveKit allows more; these survive URLs and logs).
pub fn validate_room(room: &str) -> Result<(), ApiError> {
    if room.chars().count() > 128 || room.chars().any(|c| c.is_control() || c == '/') {
        return Err(ApiError::invalid(
            "room_name",
            "room_name must be 1 to 128 characters, without '/' or control characters",
        ));
    }
    Ok(())
}

/// The room's name on LiveKit: `<project_id>__<room>` (SPEC §1 multi-tenancy).
pub fn livekit_room(project_id: &str, room: &str) -> String {
    format!("{project_id}__{room}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn pages() {
        let lq = ListQuery::parse(&q(&[("page", "2"), ("limit", "2")]), &[]).unwrap();
        let p = lq.page(vec![1, 2, 3, 4, 5]);
        assert_eq!(p.data, [3, 4]);
        assert_eq!((p.pagination.total, p.pagination.total_pages), (5, 3));
        assert!(ListQuery::parse(&q(&[("limit", "101")]), &[]).is_err());
        assert!(ListQuery::parse(&q(&[("page", "0")]), &[]).is_err());
        assert_eq!(
            ListQuery::parse(&q(&[("colour", "x")]), &["status"]).err().unwrap().field.as_deref(),
            Some("colour")
        );
    }
}
