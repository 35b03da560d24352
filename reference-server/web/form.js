// A form generated from a human task's `form_schema` (a JSON Schema object), with validation
// in the page. The server checks the answer again against the full schema; this is for the
// person, so mistakes show next to the field before anything is sent.
import { h } from "./dom.js";
import { humanize } from "./format.js";

let fieldIds = 0;

/**
 * Build the fields of `schema` and return the fieldset and a `read()` that validates: it
 * returns `{ data }` or `{ errors }` (and marks the invalid fields).
 * @example const form = schemaForm({ type: "object", properties: { amount: { type: "number" } } });
 */
export function schemaForm(schema) {
  const properties = schema && typeof schema === "object" && schema.properties && typeof schema.properties === "object" ? schema.properties : {};
  const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
  const fields = Object.entries(properties).map(([name, spec]) => field(name, spec ?? {}, required.has(name)));
  const fieldset = h("fieldset", { class: "task-form" }, h("legend", {}, schema?.title ?? "Details"), schema?.description ? h("p", { class: "hint" }, schema.description) : null, fields.map((f) => f.row));
  return {
    fieldset,
    empty: fields.length === 0,
    read() {
      const data = {};
      const errors = [];
      for (const f of fields) {
        const result = f.read();
        f.showError(result.error);
        if (result.error) errors.push({ field: f, message: result.error });
        else if (result.value !== undefined) data[f.name] = result.value;
      }
      if (errors.length > 0) errors[0].field.focus();
      return errors.length > 0 ? { errors } : { data };
    },
  };
}

function field(name, spec, isRequired) {
  const id = `field-${++fieldIds}`;
  const label = spec.title ?? humanize(name);
  const hintId = spec.description ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const type = Array.isArray(spec.type) ? spec.type.find((t) => t !== "null") : spec.type;
  const common = { id, name, "aria-describedby": [hintId, errorId].filter(Boolean).join(" "), required: isRequired };
  let input;
  if (Array.isArray(spec.enum)) {
    // An empty first choice, so that a required answer is a choice the person made.
    input = h("select", common, h("option", { value: "" }, isRequired ? "Choose…" : "—"), spec.enum.map((v) => h("option", { value: JSON.stringify(v), selected: spec.default !== undefined && v === spec.default }, String(v))));
  } else if (type === "boolean") {
    input = h("input", { ...common, type: "checkbox", required: false, checked: spec.default === true });
  } else if (type === "number" || type === "integer") {
    input = h("input", { ...common, type: "number", inputmode: type === "integer" ? "numeric" : "decimal", step: type === "integer" ? "1" : "any", min: spec.minimum, max: spec.maximum, value: spec.default });
  } else if (type === "string") {
    const kind = { email: "email", date: "date", "date-time": "datetime-local", uri: "url" }[spec.format] ?? "text";
    input = spec.maxLength > 200 || spec.format === "textarea" ? h("textarea", { ...common, rows: 4, maxlength: spec.maxLength, minlength: spec.minLength }, spec.default ?? "") : h("input", { ...common, type: kind, maxlength: spec.maxLength, minlength: spec.minLength, value: spec.default });
  } else {
    // Objects, arrays and untyped values: JSON typed in by hand.
    input = h("textarea", { ...common, rows: 4, class: "mono", placeholder: "JSON" }, spec.default === undefined ? "" : JSON.stringify(spec.default, null, 2));
  }
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const labelEl = h("label", { for: id }, label, isRequired ? h("span", { class: "required" }, " (required)") : null);
  const row = h("div", { class: type === "boolean" ? "field check" : "field" }, type === "boolean" ? [input, labelEl] : [labelEl, input], hintId ? h("p", { class: "hint", id: hintId }, spec.description) : null, error);
  return {
    name,
    row,
    focus: () => input.focus(),
    showError(message) {
      error.hidden = !message;
      error.textContent = message ?? "";
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    },
    read: () => readValue(input, spec, type, isRequired, label),
  };
}

function readValue(input, spec, type, isRequired, label) {
  if (type === "boolean" && !Array.isArray(spec.enum)) return { value: input.checked };
  const raw = input.value.trim();
  if (raw === "") return isRequired ? { error: `${label} is required.` } : { value: undefined };
  if (Array.isArray(spec.enum)) return { value: JSON.parse(raw) };
  if (type === "number" || type === "integer") {
    const n = Number(raw);
    if (!Number.isFinite(n)) return { error: `${label} must be a number.` };
    if (type === "integer" && !Number.isInteger(n)) return { error: `${label} must be a whole number.` };
    if (typeof spec.minimum === "number" && n < spec.minimum) return { error: `${label} must be at least ${spec.minimum}.` };
    if (typeof spec.maximum === "number" && n > spec.maximum) return { error: `${label} must be at most ${spec.maximum}.` };
    if (typeof spec.exclusiveMinimum === "number" && n <= spec.exclusiveMinimum) return { error: `${label} must be more than ${spec.exclusiveMinimum}.` };
    if (typeof spec.exclusiveMaximum === "number" && n >= spec.exclusiveMaximum) return { error: `${label} must be less than ${spec.exclusiveMaximum}.` };
    return { value: n };
  }
  if (type === "string") {
    if (typeof spec.minLength === "number" && raw.length < spec.minLength) return { error: `${label} needs at least ${spec.minLength} characters.` };
    if (typeof spec.maxLength === "number" && raw.length > spec.maxLength) return { error: `${label} takes at most ${spec.maxLength} characters.` };
    if (typeof spec.pattern === "string" && !new RegExp(spec.pattern, "u").test(raw)) return { error: `${label} is not in the expected form.` };
    if (!input.checkValidity()) return { error: `${label}: ${input.validationMessage}` };
    return { value: spec.format === "date-time" ? new Date(raw).toISOString() : raw };
  }
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { error: `${label} must be valid JSON.` };
  }
}
