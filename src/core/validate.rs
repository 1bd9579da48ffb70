//! Input rules shared by the services: required fields, names from a fixed set, room names.

use super::error::{CoreError, CoreResult};

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
