//! Input rules shared by the services: required fields, names from a fixed set, room names.

use super::error::{CoreError, CoreResult};
use crate::model::{Millis, now_ms};

/// A required string field, trimmed; missing or blank names the field.
pub fn required(field: &str, value: Option<String>) -> CoreResult<String> {
    match value.map(|v| v.trim().to_string()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(CoreError::invalid(field, format!("{field} is required"))),
    }
}

/// One of a named enum's values, else an error listing them.
pub fn one_of<T>(field: &str, value: &str, parse: fn(&str) -> Option<T>, names: &[&str]) -> CoreResult<T> {
    parse(value)
        .ok_or_else(|| CoreError::invalid(field, format!("{field} must be one of {}, not `{value}`", names.join(", "))))
}

/// Free text a caller names something with: at most `max` characters, none of them control
/// characters (they would forge log lines and break terminals).
pub fn text(field: &str, value: &str, max: usize) -> CoreResult<()> {
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(CoreError::invalid(
            field,
            format!("{field} must be at most {max} characters, without control characters"),
        ));
    }
    Ok(())
}

/// The most parts one recording may have (its first and the restarts after failures).
pub const MAX_PARTS: u32 = 10;

/// A filename: 1 to 128 of `A-Z a-z 0-9 . _ -`, or such a name and `/part-<n>` (2 to
/// [`MAX_PARTS`]), which is where a restarted recording's part `n` goes.
pub fn check_filename(f: &str) -> CoreResult<()> {
    let (name, part) = match f.split_once('/') {
        Some((name, part)) => (name, Some(part)),
        None => (f, None),
    };
    let valid = (1..=128).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && name != "."
        && name != ".."
        && part.is_none_or(|p| part_number(p).is_some());
    if valid {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "filename",
            format!(
                "filename must be 1 to 128 of A-Z a-z 0-9 . _ -, optionally followed by /part-2 to /part-{MAX_PARTS}"
            ),
        ))
    }
}

/// `part-<n>` → n (2 to [`MAX_PARTS`]).
fn part_number(p: &str) -> Option<u32> {
    let n: u32 = p.strip_prefix("part-")?.parse().ok()?;
    ((2..=MAX_PARTS).contains(&n) && p == format!("part-{n}")).then_some(n)
}

/// An egress's filename without its part, and its part (1 for the first).
pub fn filename_part(filename: &str) -> (&str, u32) {
    match filename.split_once('/') {
        Some((name, p)) => (name, part_number(p).unwrap_or(1)),
        None => (filename, 1),
    }
}

/// Whether a time bound is a duration back from now (else RFC 3339, see [`time_bound`]).
pub fn is_duration(v: &str) -> bool {
    !(v.len() >= 20 && v.as_bytes()[10] == b'T' && v.ends_with('Z'))
}

/// `since`/`until`: an RFC 3339 UTC time (`2026-01-02T03:04:05Z`, a fraction of a second
/// allowed), or a duration back from now: a whole number of seconds, minutes, hours or days
/// (`90s`, `30m`, `24h`, `7d`), as Unix ms. Exactly the document's `TIME` pattern
/// (`daemon::contract`), but for the calendar: any real day of a month is taken.
pub fn time_bound(name: &str, v: &str) -> CoreResult<Millis> {
    let bad =
        || CoreError::invalid(name, format!("{name} must be RFC 3339 (2026-01-02T03:04:05Z) or a duration (24h)"));
    let too_far = || CoreError::invalid(name, format!("{name} reaches back before 1970; use a shorter duration"));
    if !is_duration(v) {
        let t = humantime::parse_rfc3339(v).map_err(|_| bad())?;
        return t.duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as Millis).map_err(|_| too_far());
    }
    let Some(unit) = v.chars().last() else { return Err(bad()) };
    let digits = &v[..v.len() - unit.len_utf8()];
    let most = match unit {
        's' => 9,
        'm' => 7,
        'h' => 5,
        'd' => 4,
        _ => return Err(bad()),
    };
    if digits.is_empty()
        || digits.len() > most
        || digits.starts_with('0')
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let n: Millis = digits.parse().map_err(|_| bad())?;
    let unit_ms: Millis = match unit {
        's' => 1_000,
        'm' => 60_000,
        'h' => 3_600_000,
        _ => 86_400_000,
    };
    let at = now_ms() - n * unit_ms;
    if at < 0 { Err(too_far()) } else { Ok(at) }
}

/// A URL pulse connects to, as the document's URL patterns say it (`daemon::contract`):
/// `<scheme>://`, then a host name — labels of letters, digits and `-` (not at either end),
/// the last one starting with a letter (`localhost`, `receiver`, `example.com`) — or an IP
/// address, an optional port (1 to 65535, no leading zero), and an optional path without
/// white space. What the address policy allows is checked
/// after this.
pub fn url_shape(field: &str, url: &str, schemes: &[&str]) -> CoreResult<()> {
    let bad = || {
        let list: Vec<String> = schemes.iter().map(|s| format!("{s}://")).collect();
        CoreError::invalid(
            field,
            format!(
                "{field} must be {} and a host name (example.com) or an IP address, an optional port and an optional path without spaces",
                list.join(" or ")
            ),
        )
    };
    let rest = schemes.iter().find_map(|s| url.strip_prefix(s).and_then(|r| r.strip_prefix("://"))).ok_or_else(bad)?;
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if path.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    // An IPv6 literal is the URL parser's and the address policy's to judge.
    if authority.starts_with('[') {
        return Ok(());
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if let Some(p) = port {
        let ok = !p.is_empty()
            && !p.starts_with('0')
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.len() <= 5
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n));
        if !ok {
            return Err(bad());
        }
    }
    if host.parse::<std::net::Ipv4Addr>().is_ok() {
        return Ok(());
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    // The last label starts with a letter: a host of numbers alone would be an IPv4 address
    // to a URL parser (`http://10` is 0.0.0.10), and one of those is written as one.
    let last_ok = labels.last().is_some_and(|l| l.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()));
    if !labels.iter().all(label_ok) || !last_ok {
        return Err(bad());
    }
    Ok(())
}

/// The longest URL pulse keeps (endpoints, pull sources): browsers and proxies cap near here.
pub const MAX_URL: usize = 2048;

/// Room names: 1–128 printable characters (LiveKit allows more; these survive URLs and logs).
pub fn room(room: &str) -> CoreResult<()> {
    if room.chars().count() > 128 || room.chars().any(|c| c.is_control() || c == '/') {
        return Err(CoreError::invalid(
            "room_name",
            "room_name must be 1 to 128 characters, without '/' or control characters",
        ));
    }
    Ok(())
}

/// The room's name on LiveKit: `<project_id>__<room>` (multi-tenancy on one LiveKit).
pub fn livekit_room(project_id: &str, room: &str) -> String {
    format!("{project_id}__{room}")
}

/// `<project_id>__<room>` back into its parts, if it is a pulse room.
pub fn split_room(room: &str) -> Option<(&str, &str)> {
    room.split_once("__").filter(|(p, _)| p.starts_with("prj_"))
}

/// A room glob as `field` takes it: not empty, at most 128 characters.
pub fn check_glob(field: &str, glob: &str) -> CoreResult<()> {
    if glob.is_empty() {
        return Err(CoreError::invalid(
            field,
            format!("{field}: an empty glob matches no room; use \"*\" for every room"),
        ));
    }
    text(field, glob, 128)
}

/// Whether `name` matches `glob` (`*` any run of characters, `?` exactly one).
pub fn glob_match(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    // Iterative matching with one backtrack point (the last `*`).
    let (mut gi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == n[ni]) {
            gi += 1;
            ni += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some(gi);
            mark = ni;
            gi += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_url_has_the_documents_shape() {
        let web = ["http", "https"];
        for ok in
            ["http://example.com", "https://a-b.example.co:8443/h?x=1#f", "http://127.0.0.1:9/x", "http://[::1]/x"]
        {
            assert!(url_shape("url", ok, &web).is_ok(), "{ok}");
        }
        for bad in [
            "http://0.AA*",
            "http://10",
            "http://1.2.3/",
            "http://a..b.cd/",
            "http://-a.bc/",
            "http://a.bc:0/",
            "http://a.bc:080/",
            "http://a.bc:70000/",
            "http://a.bc/x y",
            "ftp://a.bc/",
            "http://a.2b/",
        ] {
            assert!(url_shape("url", bad, &web).is_err(), "{bad}");
        }
    }
    #[test]
    fn globs() {
        for (g, n, m) in [
            ("*", "anything", true),
            ("live-*", "live-1", true),
            ("live-*", "live-", true),
            ("live-*", "alive-1", false),
            ("*-stage", "town-stage", true),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("a*b*c", "axxbyyc", true),
            ("a*b*c", "axxbyy", false),
            ("exact", "exact", true),
            ("exact", "exactly", false),
        ] {
            assert_eq!(glob_match(g, n), m, "{g} vs {n}");
        }
    }

    use super::*;

    #[test]
    fn room_prefix() {
        assert_eq!(split_room("prj_01ab__town__hall"), Some(("prj_01ab", "town__hall")));
        assert_eq!(split_room("someone-elses-room"), None);
        assert_eq!(split_room("x__y"), None);
    }

    #[test]
    fn one_of_lists_the_choices() {
        use crate::model::OutputType;
        let e = one_of("output_type", "dash", OutputType::parse, &OutputType::names()).unwrap_err();
        assert!(e.to_string().contains("hls, rtmp, file"), "{e}");
    }
}
