//! A procedure catalog (danh mục thủ tục hành chính): statutory processing times by procedure
//! code (mã TTHC), with the published decision each entry comes from.
//!
//! The built-in catalog (`src/deadline/catalog.json`, embedded at build time) lists procedures
//! handled at the Nghệ An Public Administrative Service Centre and its commune one-stop desks;
//! a portal can load its own (the same JSON) at run time.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{Due, Unit};
use crate::error::{Error, ErrorKind, Result};

/// The built-in catalog (JSON), embedded at build time.
pub const BUILTIN_CATALOG_JSON: &str = include_str!("catalog.json");

/// One procedure (`Procedure`). Only `code`, `amount` and `unit` are required.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Procedure {
    /// Procedure code (mã TTHC) of the national database, e.g. `"1.001193"`.
    pub code: String,
    /// Name (tên thủ tục).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub name: Option<String>,
    /// Deciding agency (cơ quan giải quyết).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub agency: Option<String>,
    /// Domain (lĩnh vực).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub domain: Option<String>,
    /// Statutory amount (thời hạn giải quyết).
    pub amount: f64,
    /// Unit of the amount.
    pub unit: Unit,
    /// Cut-off `HH:MM`: received at or after it, counting starts the next working day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub cutoff: Option<String>,
    /// The published decision (quyết định công bố) the entry comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub source: Option<String>,
    /// A note (conditions, what the amount covers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub note: Option<String>,
}

impl Procedure {
    /// The parsed cut-off, if any (an unreadable one is ignored; [`Catalog::from_procedures`]
    /// rejects it).
    pub fn cutoff_time(&self) -> Option<NaiveTime> {
        self.cutoff
            .as_deref()
            .and_then(|c| crate::datetime::parse_time(c, "cutoff").ok())
    }

    /// A due-date request for a dossier of this procedure received at `received_at`.
    pub fn due(&self, received_at: NaiveDateTime) -> Due {
        Due {
            received_at,
            amount: self.amount,
            unit: self.unit,
            cutoff: self.cutoff_time(),
            pauses: Vec::new(),
        }
    }
}

/// A catalog of procedures, indexed by code.
///
/// # Example
/// ```
/// use tthc::deadline::catalog::Catalog;
/// let c = Catalog::from_json(r#"[{"code": "X.1", "amount": 3, "unit": "Ngày làm việc"}]"#).unwrap();
/// assert_eq!(c.get("X.1").unwrap().amount, 3.0);
/// assert!(Catalog::builtin().len() >= 20);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    procedures: Vec<Procedure>,
    index: HashMap<String, usize>,
}

/// The two shapes of a catalog file: `[...]` or `{ "procedures": [...] }`.
enum CatalogFile {
    List(Vec<Procedure>),
    Object { procedures: Vec<Procedure> },
}

/// Read in one pass: `#[serde(untagged)]` would buffer the whole file through serde's `Content`
/// and compile the procedure reader twice (≈ 10 KB of wasm).
impl<'de> Deserialize<'de> for CatalogFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct CatalogVisitor;
        impl<'de> serde::de::Visitor<'de> for CatalogVisitor {
            type Value = CatalogFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of procedures or an object {\"procedures\": [...]}")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<CatalogFile, A::Error> {
                let mut v = Vec::new();
                while let Some(p) = seq.next_element::<Procedure>()? {
                    v.push(p);
                }
                Ok(CatalogFile::List(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<CatalogFile, A::Error> {
                let mut procedures = None;
                while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if k == "procedures" {
                        procedures = Some(map.next_value::<Vec<Procedure>>()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                procedures
                    .map(|procedures| CatalogFile::Object { procedures })
                    .ok_or_else(|| serde::de::Error::missing_field("procedures"))
            }
        }
        d.deserialize_any(CatalogVisitor)
    }
}

impl Catalog {
    /// The built-in catalog (parsed once).
    pub fn builtin() -> &'static Catalog {
        static C: OnceLock<Catalog> = OnceLock::new();
        C.get_or_init(|| Catalog::from_json(BUILTIN_CATALOG_JSON).unwrap_or_default())
    }

    /// Reads a catalog: a JSON array of procedures, or `{ "procedures": [...] }`.
    pub fn from_json(text: &str) -> Result<Catalog> {
        let f: CatalogFile = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::Options,
                format!("Danh mục thủ tục không đúng dạng: {e}."),
                format!("The procedure catalog is malformed: {e}."),
            )
            .with_field("catalog")
        })?;
        Catalog::from_procedures(match f {
            CatalogFile::List(v) => v,
            CatalogFile::Object { procedures } => procedures,
        })
    }

    /// A catalog from procedures; checks amounts and cut-offs (errors name `catalog[i].field`).
    /// A later entry with the same code replaces an earlier one.
    pub fn from_procedures(procedures: Vec<Procedure>) -> Result<Catalog> {
        let mut index = HashMap::with_capacity(procedures.len());
        for (i, p) in procedures.iter().enumerate() {
            if !p.amount.is_finite() || p.amount < 0.0 || p.amount > super::MAX_AMOUNT {
                return Err(Error::new(
                    ErrorKind::Options,
                    "Thời hạn giải quyết phải là số không âm.",
                    "The amount must be a non-negative number.",
                )
                .with_field(format!("catalog[{i}].amount")));
            }
            if let Some(c) = &p.cutoff {
                crate::datetime::parse_time(c, &format!("catalog[{i}].cutoff"))?;
            }
            index.insert(p.code.trim().to_string(), i);
        }
        Ok(Catalog { procedures, index })
    }

    /// The procedure with this code.
    pub fn get(&self, code: &str) -> Option<&Procedure> {
        self.index
            .get(code.trim())
            .and_then(|&i| self.procedures.get(i))
    }

    /// All procedures, in file order.
    pub fn procedures(&self) -> &[Procedure] {
        &self.procedures
    }

    /// Number of procedures.
    pub fn len(&self) -> usize {
        self.procedures.len()
    }

    /// Whether the catalog is empty.
    pub fn is_empty(&self) -> bool {
        self.procedures.is_empty()
    }
}
