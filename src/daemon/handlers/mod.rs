//! Request handlers, one module per resource. Each is `async fn(state, caller, input) ->
//! Answer<T>`: parse, authenticate, call the core, answer. Shared request plumbing lives here.

pub mod console;
pub mod egress;
pub mod ingress;
pub mod projects;
pub mod rooms;
pub mod rules;
pub mod status;
pub mod usage;
pub mod webhooks;

use std::collections::HashMap;

use warp::http::StatusCode;

use super::reject::ApiError;
use crate::store::PageReq;

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

/// The highest page number a list serves (as the OpenAPI document says).
pub const MAX_PAGE: u32 = 1_000_000;

/// `page` and `limit`, as every list takes them (the OpenAPI document's view of [`ListQuery`]).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page number, from 1 (to 1,000,000)
    #[param(minimum = 1, maximum = 1000000)]
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20)
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
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
            if v.contains('\0') {
                return Err(ApiError::invalid(k, format!("{k} must not contain U+0000 (NUL)")));
            }
            match k.as_str() {
                "page" => {
                    out.page = v.parse().ok().filter(|p| (1..=MAX_PAGE).contains(p)).ok_or_else(|| {
                        ApiError::invalid(
                            "page",
                            format!("page must be a whole number from 1 to {MAX_PAGE}, not `{v}`"),
                        )
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

    /// The page asked for.
    pub fn page(&self) -> PageReq {
        PageReq { page: self.page, limit: self.limit }
    }
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
        assert_eq!(lq.page(), PageReq { page: 2, limit: 2 });
        assert_eq!(lq.page().skip(), 2);
        assert!(ListQuery::parse(&q(&[("limit", "101")]), &[]).is_err());
        assert!(ListQuery::parse(&q(&[("page", "0")]), &[]).is_err());
        assert_eq!(
            ListQuery::parse(&q(&[("colour", "x")]), &["status"]).err().unwrap().field.as_deref(),
            Some("colour")
        );
    }
}
