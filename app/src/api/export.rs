//! The copies of the record in the European exchange format (HL7 FHIR R4):
//! the patient summary as an IPS document, and the whole record as a
//! collection. The server's `/patient-summary/download` route calls
//! `prepare_copy` in the portal's context; the whole record is written
//! resource by resource as the database streams it, so its memory does not
//! grow with the history.

use std::pin::Pin;

use chrono::{DateTime, NaiveDate, Utc};
use futures::Stream;

use crate::api::filters::FilterError;
use crate::domain::fhir::{self, Kind, Person, RecordPart};
use crate::domain::records::Prescription;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::{CitizenId, Db};

/// Which copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyFormat {
    /// The patient summary, an IPS document Bundle.
    Ips,
    /// Everything the asker may see of the record, a collection Bundle.
    Record,
}

impl CopyFormat {
    pub fn parse(s: &str) -> Option<CopyFormat> {
        match s {
            "ips" => Some(CopyFormat::Ips),
            "record" => Some(CopyFormat::Record),
            _ => None,
        }
    }

    /// The audit log's detail and the file's name part.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyFormat::Ips => "ips",
            CopyFormat::Record => "record",
        }
    }
}

pub type Chunks = Pin<Box<dyn Stream<Item = Result<String, std::io::Error>> + Send>>;

/// A copy ready to be sent: its file name and its body, chunk by chunk.
pub struct Copy {
    pub filename: String,
    pub body: Chunks,
}

/// Checks who asks for whose data (an agent needs the healthcare matter; a
/// guardian sees what was recorded before the child turned ten), logs the
/// download, and makes the copy. An unknown format is a `BadFilter`.
pub async fn prepare_copy(format: Option<&str>, locale: Locale) -> Result<Copy, AppError> {
    use crate::server::*;
    let format = CopyFormat::parse(format.unwrap_or("").trim()).ok_or(AppError::BadFilter(FilterError::CopyFormat))?;
    let subject = require_subject_for(crate::domain::declarations::Sector::Healthcare).await?;
    let (pool, at) = (pool()?, now()?);
    let today = crate::domain::time::helsinki_today(at);
    let (code, first_name, last_name) = pool.citizen_person(subject.citizen).await?.ok_or(AppError::NotFound)?;
    let code = crate::domain::IdentityCode::parse(&code).map_err(|_| {
        tracing::error!(citizen = subject.citizen.0, "a stored identity code does not parse");
        AppError::Internal
    })?;
    let person = Person { id: subject.citizen.0, code, first_name, last_name };
    pool.record_copy(at, subject.asker, subject.citizen, client_address().as_deref(), format.as_str()).await?;
    let filename = format!("{}-{}-{}.json", person.last_name.to_lowercase(), format.as_str(), today);
    let filename: String =
        filename.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect();
    let body: Chunks = match format {
        CopyFormat::Ips => {
            let data = crate::api::summary::SummaryData::load(&pool, &subject).await?;
            let bundle = crate::domain::ips::ips_bundle(&person, &data.parts(today), at, &locale.texts().summary.ips);
            Box::pin(futures::StreamExt::fuse(futures::stream::once(async move { Ok(bundle.to_string()) })))
        }
        CopyFormat::Record => {
            let prescriptions = subject.visibility.prescriptions(pool.load_prescriptions(subject.citizen).await?);
            let names = pool.provider_names(locale).await?;
            let name_of = move |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
            // The wellbeing data: the person's and a guardian's, never an agent's.
            let wellbeing = if subject.handles(crate::domain::acting::OwnMatter::WellbeingData) {
                let all = pool.measurements(subject.citizen, subject.visibility).await?;
                let corrected: std::collections::HashSet<i64> = all.iter().filter_map(|m| m.corrects).collect();
                all.into_iter().filter(|m| !corrected.contains(&m.id)).collect()
            } else {
                Vec::new()
            };
            let record = Record { pool, citizen: subject.citizen, person, at, today, locale, prescriptions, wellbeing };
            record.stream(subject.visibility, Box::new(name_of))
        }
    };
    Ok(Copy { filename, body })
}

/// What the whole record's copy is written from.
struct Record {
    pool: Db,
    citizen: CitizenId,
    person: Person,
    at: DateTime<Utc>,
    today: NaiveDate,
    locale: Locale,
    prescriptions: Vec<Prescription>,
    /// The wellbeing measurements in force.
    wellbeing: Vec<crate::domain::wellbeing::Measurement>,
}

/// One Bundle entry as JSON, after a comma unless it is the first.
fn entry_json(first: bool, kind: Kind, n: i64, resource: serde_json::Value) -> String {
    let comma = if first { "" } else { "," };
    format!("{comma}{}", fhir::bundle_entry(kind, n, resource))
}

impl Record {
    /// The database streams rows into one bounded channel, the writer turns
    /// them into JSON into another, and the body reads that one: at most a
    /// few dozen resources are in memory at once.
    fn stream(
        self,
        visibility: crate::domain::listing::Visibility,
        name_of: Box<dyn Fn(&str) -> String + Send>,
    ) -> Chunks {
        let (rows_tx, mut rows) = tokio::sync::mpsc::channel::<RecordPart>(64);
        let (out, body) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(16);
        let (pool, citizen) = (self.pool.clone(), self.citizen);
        let reading = tokio::spawn(async move { pool.export_record(citizen, visibility, rows_tx).await });
        tokio::spawn(async move {
            let t = self.locale.texts();
            let p = self.person.id;
            let head = format!(
                "{{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":\"{}\",\"entry\":[{}",
                self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                entry_json(true, Kind::Patient, p, fhir::patient(&self.person)),
            );
            if out.send(Ok(head)).await.is_err() {
                return;
            }
            while let Some(part) = rows.recv().await {
                let chunk = match part {
                    RecordPart::Event(e) => {
                        let provider = name_of(&e.register.provider.0);
                        entry_json(false, Kind::Encounter, e.id.0, fhir::encounter(&e, &provider, p))
                    }
                    RecordPart::Entry { entry, lab, vaccine } => {
                        let r =
                            fhir::entry_resource((&entry, lab.as_ref(), vaccine.as_ref()), p, t.entry_kind(entry.kind));
                        entry_json(false, Kind::Entry, entry.id.0, r)
                    }
                };
                if out.send(Ok(chunk)).await.is_err() {
                    return;
                }
            }
            if !matches!(reading.await, Ok(Ok(()))) {
                tracing::error!(citizen = citizen.0, "the record could not be read for its copy");
                let _ = out.send(Err(std::io::Error::other("the record could not be read"))).await;
                return;
            }
            for rx in &self.prescriptions {
                for (kind, n, r) in fhir::prescription(rx, self.today, &name_of, p) {
                    if out.send(Ok(entry_json(false, kind, n, r))).await.is_err() {
                        return;
                    }
                }
            }
            for m in &self.wellbeing {
                let r = fhir::wellbeing::wellbeing_observation(m, p);
                if out.send(Ok(entry_json(false, Kind::Wellbeing, m.id, r))).await.is_err() {
                    return;
                }
            }
            let _ = out.send(Ok("]}".to_string())).await;
        });
        // A closed receiver answers "no more" however often it is asked (the
        // compression layer asks again after the end).
        let mut body = body;
        Box::pin(futures::stream::poll_fn(move |cx| body.poll_recv(cx)))
    }
}
