//! The browser console: its page and assets, built into the binary (no CDN, no build step),
//! and console links — signed, expiring, read-mostly tokens for one project, minted by
//! `pulse console link`, that open the console without the project's key.
//!
//! A link is an HS256 JWT (`sub` = the project, `scope` = `console`, or `console:manage` for a
//! link that may also add, change and remove the project's endpoints) signed with a key derived
//! from the admin token, so every daemon sharing that token accepts it and rotating the token
//! revokes every link. The page sends credentials only in headers it sets itself (never
//! cookies), so another site cannot make a browser act with them: there is nothing to forge.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use warp::http::{HeaderValue, Response, StatusCode};

/// The longest a link may live.
pub const MAX_TTL_SECS: u64 = 7 * 24 * 3600;

/// A console link's claims.
#[derive(Debug, Serialize, Deserialize)]
struct LinkClaims {
    iss: String,
    sub: String,
    scope: String,
    iat: u64,
    exp: u64,
}

const ISSUER: &str = "pulse-console";

/// The signing key: HMAC-SHA256 of a fixed label under the admin token.
fn signing_key(admin_token: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(admin_token.as_bytes()).expect("HMAC takes any key");
    mac.update(b"pulse console links v1");
    mac.finalize().into_bytes().to_vec()
}

const SCOPE: &str = "console";
const MANAGE_SCOPE: &str = "console:manage";

/// What a link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Read the project's deliveries, media and usage; replay; send test events.
    Read,
    /// That, and add, change and remove its endpoints and rotate their secrets.
    Manage,
}

/// A link token for `project_id`, valid for `ttl_secs` from `now`; returns it and its expiry.
pub fn mint(admin_token: &str, project_id: &str, scope: Scope, ttl_secs: u64, now: u64) -> (String, u64) {
    let exp = now + ttl_secs;
    let scope = match scope {
        Scope::Read => SCOPE,
        Scope::Manage => MANAGE_SCOPE,
    };
    let claims = LinkClaims { iss: ISSUER.into(), sub: project_id.into(), scope: scope.into(), iat: now, exp };
    (crate::jwt::encode(&claims, &signing_key(admin_token)), exp)
}

/// Whether `token` looks like a console link (a JWT), rather than a key or the admin token.
pub fn is_link(token: &str) -> bool {
    token.starts_with("eyJ") && token.matches('.').count() == 2
}

/// The project a link opens and what it may do there, if its signature holds and it has not
/// expired.
pub fn verify(admin_token: &str, token: &str) -> Result<(String, Scope), String> {
    if admin_token.is_empty() {
        return Err("console links are off: the daemon has no admin token".into());
    }
    let mut v = crate::jwt::hs256();
    v.set_issuer(&[ISSUER]);
    v.set_required_spec_claims(&["exp", "iss", "sub"]);
    v.leeway = 0;
    match crate::jwt::decode::<LinkClaims>(token, &signing_key(admin_token), &v) {
        Ok(c) if c.scope == SCOPE => Ok((c.sub, Scope::Read)),
        Ok(c) if c.scope == MANAGE_SCOPE => Ok((c.sub, Scope::Manage)),
        Ok(_) => Err("not a console link".into()),
        Err(e) if matches!(e.kind(), jsonwebtoken::errors::ErrorKind::ExpiredSignature) => {
            Err("this console link has expired; ask for a new one (pulse console link)".into())
        }
        Err(_) => Err("this console link is not valid".into()),
    }
}

/// The page and its two assets.
const INDEX: &str = include_str!("console/index.html");
const APP_JS: &str = include_str!("console/app.js");
const APP_CSS: &str = include_str!("console/app.css");

/// `GET /console` and its assets: same-origin only, never framed, never cached stale.
pub fn asset(name: &str) -> warp::reply::Response {
    let (body, kind) = match name {
        "" | "index.html" => (INDEX, "text/html; charset=utf-8"),
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "app.css" => (APP_CSS, "text/css; charset=utf-8"),
        _ => {
            let mut r = Response::new("not found".into());
            *r.status_mut() = StatusCode::NOT_FOUND;
            return r;
        }
    };
    let mut r = Response::new(body.into());
    let h = r.headers_mut();
    h.insert("content-type", HeaderValue::from_static(kind));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; \
             base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    h.insert("cache-control", HeaderValue::from_static("no-cache"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: &str = "0123456789abcdef-admin";

    #[test]
    fn a_link_opens_its_project_until_it_expires() {
        let now = crate::util::unix_now();
        let (token, exp) = mint(ADMIN, "prj_1", Scope::Read, 3600, now);
        assert!(is_link(&token) && exp == now + 3600);
        assert_eq!(verify(ADMIN, &token).unwrap(), ("prj_1".into(), Scope::Read));
        let (manage, _) = mint(ADMIN, "prj_1", Scope::Manage, 3600, now);
        assert_eq!(verify(ADMIN, &manage).unwrap(), ("prj_1".into(), Scope::Manage));
        assert!(verify("another-admin-token", &token).is_err(), "a rotated admin token revokes links");
        let (old, _) = mint(ADMIN, "prj_1", Scope::Manage, 10, now - 3600);
        assert!(verify(ADMIN, &old).unwrap_err().contains("expired"));
        let mut forged = token.clone();
        forged.pop();
        assert!(verify(ADMIN, &forged).is_err());
        assert!(!is_link("pulse_key_abc") && !is_link(ADMIN));
    }
}
