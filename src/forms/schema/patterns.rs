//! Compiling a field's `pattern` within the size limits (each pattern at its size class, the
//! schema's total in its budget); the Unicode classes are expanded by [`crate::forms::pattern`].

use regex_lite::Regex;

use super::json_reading::{limit_error, schema_error};
use super::{
    Budget, MAX_NESTING, MAX_PATTERN_CHARS, MAX_PATTERN_PROGRAM, MAX_PATTERN_PROGRAMS_TOTAL,
    PATTERN_SIZE_CLASSES,
};
use crate::Result;

/// Compiles a `pattern`: the whole value must match (anchored); `\w`, `\p{L}`, `\p{Lu}`,
/// `\p{Ll}` are Unicode-aware (see [`crate::forms::pattern`]), so `[\p{L} ]+` and `\w+` accept
/// Vietnamese letters.
pub(super) fn compile_pattern(p: &str, path: &str, budget: &mut Budget) -> Result<Regex> {
    let chars = p.chars().count();
    if chars > MAX_PATTERN_CHARS {
        return Err(limit_error(
            path,
            format!("biểu thức dài {chars} ký tự, tối đa {MAX_PATTERN_CHARS}"),
            format!("the pattern has {chars} characters, at most {MAX_PATTERN_CHARS}"),
        ));
    }
    let translated = crate::forms::pattern::translate(p).map_err(|(vi, en)| {
        schema_error(
            path,
            format!("biểu thức chính quy không hợp lệ ({vi})"),
            format!("invalid regular expression ({en})"),
        )
    })?;
    let anchored = format!("^(?:{translated})$");
    let build = |limit: usize| {
        regex_lite::RegexBuilder::new(&anchored)
            .size_limit(limit)
            .nest_limit(MAX_NESTING as u32)
            .build()
    };
    // The smallest size class the program fits, within what the schema has left: compiling
    // stops as soon as a class is exceeded, so trying the classes in turn costs at most
    // twice the final one.
    let mut last = None;
    for class in PATTERN_SIZE_CLASSES {
        if class > budget.patterns {
            break;
        }
        match build(class) {
            Ok(re) => {
                budget.patterns -= class;
                return Ok(re);
            }
            Err(e) => {
                let text = e.to_string();
                if !text.contains("size limit") {
                    let first = text.lines().last().unwrap_or("").trim().to_string();
                    return Err(schema_error(
                        path,
                        format!("biểu thức chính quy không hợp lệ ({first})"),
                        format!("invalid regular expression ({first})"),
                    ));
                }
                last = Some(class);
            }
        }
    }
    Err(match last {
        Some(c) if c == MAX_PATTERN_PROGRAM => limit_error(
            path,
            format!(
                "biểu thức quá lớn khi biên dịch (quá {} KiB; hãy bớt số lần lặp như {{1000}} của các lớp \\p{{L}}, \\w)",
                MAX_PATTERN_PROGRAM >> 10
            ),
            format!(
                "the pattern is too large once compiled (over {} KiB; use fewer repetitions such as {{1000}} of classes like \\p{{L}}, \\w)",
                MAX_PATTERN_PROGRAM >> 10
            ),
        ),
        _ => limit_error(
            path,
            format!(
                "các biểu thức của biểu mẫu quá lớn khi biên dịch (tổng tối đa {} MiB)",
                MAX_PATTERN_PROGRAMS_TOTAL >> 20
            ),
            format!(
                "the schema's patterns are too large once compiled (at most {} MiB together)",
                MAX_PATTERN_PROGRAMS_TOTAL >> 20
            ),
        ),
    })
}
