//! The browser as the database: IndexedDB reads and writes of the session
//! records described in [`crate::persist::snapshot`], and the Web Lock that
//! keeps a second tab from overwriting the first.

use std::collections::HashMap;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "sorot";
const STORE: &str = "records";
const LOCK: &str = "sorot-editor";

/// About how many bytes one write transaction carries.
const BATCH_BYTES: usize = 2 << 20;

/// Why the browser would not store the work.
pub struct StorageError(pub String);

impl StorageError {
    fn from_js(what: &str, error: JsValue) -> Self {
        let detail = Reflect::get(&error, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{error:?}"));
        StorageError(format!("{what}: {detail}"))
    }
}

/// An open session database.
#[derive(Clone)]
pub struct Database(IdbDatabase);

impl Database {
    /// Opens (or creates) the session database.
    pub async fn open() -> Result<Database, StorageError> {
        let factory = gloo::utils::window()
            .indexed_db()
            .map_err(|e| StorageError::from_js("this browser does not allow storage here", e))?
            .ok_or_else(|| StorageError("this browser has no IndexedDB (a private window?)".to_owned()))?;
        let request: IdbOpenDbRequest =
            factory.open_with_u32(DATABASE, 1).map_err(|e| StorageError::from_js("opening storage failed", e))?;
        let on_upgrade = Closure::once_into_js({
            let request = request.clone();
            move || {
                if let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                    if !db.object_store_names().contains(STORE) {
                        let _ = db.create_object_store(STORE);
                    }
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let db = settle(&request).await.map_err(|e| StorageError::from_js("opening storage failed", e))?;
        Ok(Database(db.unchecked_into()))
    }

    /// Every stored record, key to value. Both requests go out at once.
    pub async fn read_all(&self) -> Result<HashMap<String, String>, StorageError> {
        let store = self.store(IdbTransactionMode::Readonly)?;
        let read = |e| StorageError::from_js("reading the saved work failed", e);
        let keys = settle(&store.get_all_keys().map_err(read)?);
        let values = settle(&store.get_all().map_err(read)?);
        let (keys, values): (Array, Array) = (keys.await.map_err(read)?.unchecked_into(), values.await.map_err(read)?.unchecked_into());
        Ok(keys.iter().zip(values.iter()).filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?))).collect())
    }

    /// Writes `records` in order, in transactions of about [`BATCH_BYTES`],
    /// so the page stays responsive while a big import is stored; resolves
    /// once all are durable. Callers put the session's meta record last, so
    /// a crash part-way leaves the session as it was before.
    pub async fn write(&self, records: Vec<(String, String)>) -> Result<(), StorageError> {
        let mut batch = Vec::new();
        let mut batch_bytes = 0;
        for record in records {
            batch_bytes += record.0.len() + record.1.len();
            batch.push(record);
            if batch_bytes >= BATCH_BYTES {
                self.write_batch(std::mem::take(&mut batch)).await?;
                batch_bytes = 0;
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        self.write_batch(batch).await
    }

    /// Writes `records` in one transaction; resolves once it is durable.
    async fn write_batch(&self, records: Vec<(String, String)>) -> Result<(), StorageError> {
        let store = self.store(IdbTransactionMode::Readwrite)?;
        let failed = |e| StorageError::from_js("saving your work in this browser failed", e);
        for (key, value) in &records {
            store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)).map_err(failed)?;
        }
        let transaction = store.transaction();
        let done = Promise::new(&mut |resolve, reject| {
            transaction.set_oncomplete(Some(&resolve));
            let on_fail = {
                let transaction = transaction.clone();
                Closure::once_into_js(move || {
                    let error = transaction.error().map_or(JsValue::from_str("the transaction was aborted"), JsValue::from);
                    let _ = reject.call1(&JsValue::NULL, &error);
                })
            };
            transaction.set_onerror(Some(on_fail.unchecked_ref()));
            transaction.set_onabort(Some(on_fail.unchecked_ref()));
        });
        JsFuture::from(done).await.map(|_| ()).map_err(failed)
    }

    fn store(&self, mode: IdbTransactionMode) -> Result<IdbObjectStore, StorageError> {
        let transaction: IdbTransaction =
            self.0.transaction_with_str_and_mode(STORE, mode).map_err(|e| StorageError::from_js("storage is unavailable", e))?;
        transaction.object_store(STORE).map_err(|e| StorageError::from_js("storage is unavailable", e))
    }
}

/// The result of an IndexedDB request, to wait for. Its handlers are set
/// at once, so a request may settle while another is awaited.
fn settle(request: &IdbRequest) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_success = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &request.result().unwrap_or(JsValue::UNDEFINED));
            })
        };
        let on_error = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let error = request.error().ok().flatten().map_or(JsValue::from_str("unknown error"), JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Asks for the editor lock for this page's lifetime, at once; the answer
/// is `Ok(false)` when another tab or window holds it, `Ok(true)` also when
/// the browser has no Web Locks.
pub fn take_editor_lock() -> impl std::future::Future<Output = Result<bool, JsValue>> {
    let granted = request_editor_lock();
    async move {
        match granted {
            Ok(Some(granted)) => Ok(granted.await?.is_truthy()),
            Ok(None) => Ok(true),
            Err(error) => Err(error),
        }
    }
}

/// The lock request made now, and the promise of whether it was granted;
/// `None` without Web Locks.
fn request_editor_lock() -> Result<Option<JsFuture>, JsValue> {
    let navigator = gloo::utils::window().navigator();
    let locks = Reflect::get(&navigator, &"locks".into())?;
    if locks.is_undefined() {
        return Ok(None);
    }
    let request: Function = Reflect::get(&locks, &"request".into())?.dyn_into()?;
    let options = Object::new();
    Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE)?;
    let (granted_tx, granted_rx) = signal();
    // The callback gets the lock (or null) and returns a promise that never
    // settles, so a granted lock is held until the page goes away.
    let callback = Closure::once_into_js(move |lock: JsValue| {
        granted_tx(!lock.is_null());
        Promise::new(&mut |_, _| {})
    });
    request.call3(&locks, &LOCK.into(), &options, &callback)?;
    Ok(Some(JsFuture::from(granted_rx)))
}

/// A one-shot signal from a callback to an awaiting future, via a promise.
fn signal() -> (impl FnOnce(bool), Promise) {
    let mut resolve_slot: Option<Function> = None;
    let promise = Promise::new(&mut |resolve, _| resolve_slot = Some(resolve));
    let send = move |value: bool| {
        if let Some(resolve) = resolve_slot {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(value));
        }
    };
    (send, promise)
}
