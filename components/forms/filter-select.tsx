/** One labelled choice of a GET filter form: the choices, optionally an "all" choice first, the current one selected. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  all,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** The label of the choice that filters nothing, and its value ("" unless given). */
  all?: string | { label: string; value: string };
}) {
  const none = typeof all === "string" ? { label: all, value: "" } : all;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {none && <option value={none.value}>{none.label}</option>}
        {options.map((o) =>
          // An option's value is its text when none is given: long lists of names (provinces) are sent once.
          o.value === o.label ? (
            <option key={o.value}>{o.label}</option>
          ) : (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ),
        )}
      </select>
    </div>
  );
}

/** One labelled text or date box of a GET filter form, holding the current value. */
export function FilterInput({ id, label, value }: { id: string; label: string; value: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} type="text" defaultValue={value ?? ""} />
    </div>
  );
}
