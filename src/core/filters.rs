//! Endpoint payload filters: conditions on the event as delivered, all of which must hold for
//! the endpoint to get it. A condition is `<path> == <value>`, `<path> != <value>` or
//! `<path> in [<value>, …]`; the path is dotted from the event's top (`data.egress.output_type`,
//! `room_name`, `data.participant.identity`; a number picks an array's item) and a missing
//! field is `null`; a value is JSON (`"hls"`, `3`, `true`, `null`) or a bare word, read as a
//! string (`hls`). Equality, not a scripting engine: what webhook products' users ask for.

use serde_json::Value;

use super::{CoreError, CoreResult};

/// The most conditions one endpoint may have, and the longest one.
pub const MAX_FILTERS: usize = 10;
const MAX_LEN: usize = 256;

#[derive(Debug, Clone, PartialEq)]
enum Test {
    Eq(Value),
    Ne(Value),
    In(Vec<Value>),
}

/// One parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    path: Vec<String>,
    test: Test,
}

fn value(text: &str) -> Result<Value, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("a value is missing after the operator".into());
    }
    match serde_json::from_str::<Value>(t) {
        Ok(v @ (Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null)) => Ok(v),
        Ok(_) => Err(format!("`{t}`: compare with a string, a number, true, false or null")),
        Err(_) if t.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:/@".contains(c)) => Ok(Value::String(t.into())),
        Err(_) => Err(format!("`{t}` is not a value: quote it (\"{t}\")")),
    }
}

/// Parses one condition; the error says what is wrong with it.
pub fn parse(src: &str) -> Result<Condition, String> {
    if src.len() > MAX_LEN {
        return Err(format!("a condition is at most {MAX_LEN} characters"));
    }
    let ops = [" == ", " != ", " in "];
    let Some((at, op)) = ops.iter().filter_map(|op| src.find(op).map(|at| (at, *op))).min_by_key(|(at, _)| *at) else {
        return Err(format!("`{src}` is not `<path> == <value>`, `<path> != <value>` or `<path> in [<values>]`"));
    };
    let (path_text, rest) = (src[..at].trim(), &src[at + op.len()..]);
    let path: Vec<String> = path_text.split('.').map(str::to_string).collect();
    let segment_ok = |s: &String| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !path.iter().all(segment_ok) {
        return Err(format!("`{path_text}` is not a path like data.egress.output_type"));
    }
    let test = match op {
        " == " => Test::Eq(value(rest)?),
        " != " => Test::Ne(value(rest)?),
        _ => {
            let inner = rest.trim().strip_prefix('[').and_then(|r| r.strip_suffix(']'));
            let inner =
                inner.ok_or_else(|| format!("`{}`: `in` takes a list, e.g. [\"hls\", \"file\"]", rest.trim()))?;
            Test::In(inner.split(',').map(value).collect::<Result<_, _>>()?)
        }
    };
    Ok(Condition { path, test })
}

/// Checks an endpoint's conditions as the API takes them, naming `field`.
pub fn check(field: &str, conditions: &[String]) -> CoreResult<()> {
    if conditions.len() > MAX_FILTERS {
        return Err(CoreError::invalid(field, format!("{field} takes at most {MAX_FILTERS} conditions")));
    }
    for c in conditions {
        parse(c).map_err(|m| CoreError::invalid(field, format!("{field}: {m}")))?;
    }
    Ok(())
}

fn lookup<'a>(event: &'a Value, path: &[String]) -> &'a Value {
    let mut at = event;
    for p in path {
        at = match at {
            Value::Object(m) => m.get(p).unwrap_or(&Value::Null),
            Value::Array(a) => p.parse::<usize>().ok().and_then(|i| a.get(i)).unwrap_or(&Value::Null),
            _ => &Value::Null,
        };
    }
    at
}

/// Whether `event` (the event as delivered) meets every condition. A condition that no longer
/// parses (none can: each was checked when stored) lets nothing through.
pub fn matches(conditions: &[String], event: &Value) -> bool {
    conditions.iter().all(|c| match parse(c) {
        Ok(Condition { path, test }) => {
            let found = lookup(event, &path);
            match test {
                Test::Eq(v) => *found == v,
                Test::Ne(v) => *found != v,
                Test::In(vs) => vs.contains(found),
            }
        }
        Err(_) => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn conditions_compare_fields_of_the_event() {
        let e = json!({"event": "egress_started", "room_name": "live-1",
            "data": {"egress": {"output_type": "hls", "outputs": ["hls", "file"]}, "n": 3}});
        let yes = |c: &str| matches(&[c.to_string()], &e);
        assert!(yes(r#"data.egress.output_type == "hls""#));
        assert!(yes("data.egress.output_type == hls"), "a bare word is a string");
        assert!(!yes(r#"data.egress.output_type != "hls""#));
        assert!(yes(r#"data.egress.outputs.1 == "file""#));
        assert!(yes(r#"room_name in ["live-1", "live-2"]"#));
        assert!(yes("data.n == 3") && !yes(r#"data.n == "3""#));
        assert!(yes("data.missing == null") && !yes("data.missing == hls"));
        let both = [r#"event == egress_started"#.to_string(), r#"room_name == "x""#.to_string()];
        assert!(!matches(&both, &e), "every condition must hold");
        assert!(matches(&[], &e), "no conditions: everything");
    }

    #[test]
    fn bad_conditions_say_what_is_wrong() {
        assert!(parse("data.egress").unwrap_err().contains("is not `<path> =="));
        assert!(parse("data..x == 1").unwrap_err().contains("is not a path"));
        assert!(parse("data.x == {\"a\": 1}").unwrap_err().contains("compare with"));
        assert!(parse("data.x == two words").unwrap_err().contains("quote it"));
        assert!(parse("data.x in hls").unwrap_err().contains("takes a list"));
        assert!(parse("data.x == ").unwrap_err().contains("missing") || parse("data.x ==").is_err());
        assert!(check("filters", &vec!["a == 1".to_string(); 11]).is_err());
    }
}
