//! SSRF guard for customer webhook URLs (README "Webhooks"): only public unicast addresses, unless
//! `webhooks.allow_private_targets` or `webhooks.allowed_cidrs` say otherwise. Checked when an
//! endpoint is created and again at connect time, where the resolver hands reqwest only the
//! vetted addresses, so a DNS answer cannot change between the check and the connection.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

/// How long a check waits for DNS before taking the name as unresolved for now.
const LOOKUP_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// An IP range, `10.0.0.0/8` or `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    bits: u8,
}

impl FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a CIDR range (e.g. \"10.1.0.0/16\" or \"fd00::/8\")");
        let (net, bits) = s.split_once('/').unwrap_or((s, ""));
        let net: IpAddr = net.trim().parse().map_err(|_| bad())?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let bits = if bits.is_empty() { max } else { bits.trim().parse().map_err(|_| bad())? };
        if bits > max {
            return Err(bad());
        }
        Ok(Cidr { net, bits })
    }
}

impl Cidr {
    /// Whether `ip` is inside the range (IPv4-mapped IPv6 addresses match IPv4 ranges).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_eq(&n.octets(), &a.octets(), self.bits),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_eq(&n.octets(), &a.octets(), self.bits),
            _ => false,
        }
    }
}

fn prefix_eq(a: &[u8], b: &[u8], bits: u8) -> bool {
    let (full, rest) = ((bits / 8) as usize, bits % 8);
    if a[..full] != b[..full] {
        return false;
    }
    rest == 0 || (a[full] ^ b[full]) & (0xffu8 << (8 - rest)) == 0
}

/// IPv4 written as IPv6 (`::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`) judged as the IPv4 it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return IpAddr::V4(v4);
            }
            let s = v6.segments();
            if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
                let o = v6.octets();
                return IpAddr::V4(Ipv4Addr::new(o[12], o[13], o[14], o[15]));
            }
            IpAddr::V6(v6)
        }
        v4 => v4,
    }
}

/// Whether `ip` is a public unicast address a webhook may go to.
pub fn is_public(ip: IpAddr) -> bool {
    match canonical(ip) {
        IpAddr::V4(a) => {
            let o = a.octets();
            !(a.is_unspecified()
                || a.is_loopback()
                || a.is_private()
                || a.is_link_local()
                || a.is_broadcast()
                || a.is_multicast()
                || a.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10 CGNAT
                || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0.0/24 protocol assignments
                || (o[0] == 198 && (o[1] & 0xfe) == 18) // 198.18.0.0/15 benchmarking
                || o[0] >= 240) // 240.0.0.0/4 reserved
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            !(a.is_unspecified()
                || a.is_loopback()
                || a.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // fc00::/7 unique local
                || (s[0] & 0xffc0) == 0xfe80 // fe80::/10 link-local
                || (s[0] & 0xffc0) == 0xfec0 // fec0::/10 site-local (deprecated)
                || (s[0] == 0x2001 && s[1] == 0x0db8) // 2001:db8::/32 documentation
                || (s[0] == 0x0100 && s[1..4] == [0, 0, 0]) // 100::/64 discard
                || (s[0] == 0x2002) // 6to4, which can wrap any IPv4
                || (s[0] == 0x0064 && s[1] == 0xff9b && s[2] == 0x0001) // 64:ff9b:1::/48 local-use NAT64
                || s[..6] == [0, 0, 0, 0, 0, 0]) // ::/96 IPv4-compatible (deprecated)
        }
    }
}

/// The policy from `[webhooks]`.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    pub allow_private: bool,
    pub allowed: Vec<Cidr>,
}

impl Guard {
    /// Whether a connection to `ip` is allowed.
    pub fn allows(&self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip) || self.allowed.iter().any(|c| c.contains(ip))
    }

    /// Checks an endpoint URL: http(s), a host, and every address it resolves to allowed.
    pub async fn check_url(&self, url: &str) -> Result<(), String> {
        self.check_target(url, &["http", "https"]).await
    }

    /// Checks a URL something will connect to (an endpoint, an ingress pull source): one of
    /// `schemes`, a host, and every address it resolves to allowed.
    pub async fn check_target(&self, url: &str, schemes: &[&str]) -> Result<(), String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("`{url}` is not a URL: {e}"))?;
        if !schemes.contains(&parsed.scheme()) {
            let list: Vec<String> = schemes.iter().map(|s| format!("{s}://")).collect();
            return Err(format!("url must be {}", list.join(" or ")));
        }
        let host = parsed.host_str().filter(|h| !h.is_empty()).ok_or("url has no host")?;
        let port = parsed.port_or_known_default().unwrap_or(443);
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<IpAddr> = match host.parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            // A name that does not resolve now is taken: DNS may be down for a moment, or the
            // record not yet made, and every connection checks its addresses again (the
            // resolver below), so nothing unvetted is ever reached. A typo shows up as
            // failing deliveries with a `dns` error, and `endpoint.failing`.
            // The answer waits for DNS at most `LOOKUP_WAIT` (a resolver that drops a query
            // retries after 5 s, twice): no answer by then is the same as no such name now.
            Err(_) => match tokio::time::timeout(LOOKUP_WAIT, tokio::net::lookup_host((host, port))).await {
                Ok(Ok(found)) => found.map(|a| a.ip()).collect(),
                _ => return Ok(()),
            },
        };
        match addrs.iter().find(|ip| !self.allows(**ip)) {
            Some(ip) => Err(format!(
                "{host} resolves to {ip}, a loopback, private, link-local or reserved address; pulse connects to public addresses only (see webhooks.allow_private_targets and webhooks.allowed_cidrs)"
            )),
            None => Ok(()),
        }
    }

    /// Checks a literal address in a URL (reqwest does not resolve those, so the resolver
    /// below never sees them).
    pub fn check_literal(&self, url: &reqwest::Url) -> Result<(), String> {
        if let Some(host) = url.host_str() {
            let host = host.trim_start_matches('[').trim_end_matches(']');
            if let Ok(ip) = host.parse::<IpAddr>()
                && !self.allows(ip)
            {
                return Err(format!("{ip} is not a public address"));
            }
        }
        Ok(())
    }
}

/// A reqwest resolver that drops every address the guard refuses; with none left, the
/// connection fails (classified `blocked_target`).
pub struct VettedResolver(pub Arc<Guard>);

/// The error text a blocked resolution carries, used to classify the attempt.
pub const BLOCKED: &str = "blocked_target";

impl reqwest::dns::Resolve for VettedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let guard = self.0.clone();
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let vetted: Vec<SocketAddr> = addrs.into_iter().filter(|a| guard.allows(a.ip())).collect();
            if vetted.is_empty() {
                return Err(format!("{BLOCKED}: {host} resolves only to non-public addresses").into());
            }
            Ok(Box::new(vetted.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn refuses_every_non_public_form() {
        for bad in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a9fe:a9fe",
            "64:ff9b:1:ffff::1",
            "fd00::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::127.0.0.1",
        ] {
            assert!(!is_public(ip(bad)), "{bad} must be refused");
        }
        for good in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"] {
            assert!(is_public(ip(good)), "{good} is public");
        }
    }

    #[test]
    fn allow_lists() {
        let g = Guard { allow_private: false, allowed: vec!["127.0.0.0/8".parse().unwrap()] };
        assert!(g.allows(ip("127.0.0.1")) && g.allows(ip("::ffff:127.0.0.1")));
        assert!(!g.allows(ip("10.0.0.1")));
        assert!(Guard { allow_private: true, allowed: vec![] }.allows(ip("10.0.0.1")));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("fd00::/8".parse::<Cidr>().unwrap().contains(ip("fd12::1")));
        assert!("10.1.0.0/17".parse::<Cidr>().unwrap().contains(ip("10.1.127.255")));
        assert!(!"10.1.0.0/17".parse::<Cidr>().unwrap().contains(ip("10.1.128.0")));
    }

    #[tokio::test]
    async fn urls_are_checked_after_resolution() {
        let g = Guard::default();
        for url in [
            "http://127.0.0.1/x",
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost:9/hook",
        ] {
            assert!(g.check_url(url).await.is_err(), "{url} must be refused");
        }
        assert!(g.check_url("ftp://example.com/").await.unwrap_err().contains("http"));
        let open = Guard { allow_private: true, allowed: vec![] };
        assert!(open.check_url("http://localhost:9/hook").await.is_ok());
    }
}
