"""PostgreSQL: chain and insert access-log entries in one statement.

``maxww_audit_append(lock_key, entries)`` takes the chain lock, reads the head,
then for each entry (a JSON array of the hashed fields plus ``body``, in order)
computes ``entry_hash`` as ``chain.entry_hash`` does (sha256 over the previous
hash and ``body``, the entry's canonical JSON made in Python) and inserts it,
all inside the database: no round trip to Python while the lock is held.
SQLite keeps the Python path. A change to the access-log columns must be made
here too.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION maxww_audit_append(lock_key bigint, entries jsonb)
RETURNS TABLE (new_id bigint, new_prev text, new_hash text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    head text;
    item jsonb;
    r audit_accesslog;
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    -- A new statement, so a new snapshot: it sees the last writer's commit.
    SELECT l.entry_hash INTO head FROM audit_accesslog l ORDER BY l.id DESC LIMIT 1;
    head := coalesce(head, '');
    FOR item IN
        SELECT t.value FROM jsonb_array_elements(entries) WITH ORDINALITY AS t(value, n)
        ORDER BY t.n
    LOOP
        r := jsonb_populate_record(NULL::audit_accesslog, item);
        new_prev := head;
        head := encode(sha256(convert_to(head || (item ->> 'body'), 'UTF8')), 'hex');
        INSERT INTO audit_accesslog (
            "timestamp", user_id, username, organisation, role, action, event,
            object_type, object_ref, person_ref, legal_basis, purpose, request_id,
            count, prev_hash, entry_hash
        ) VALUES (
            r."timestamp", r.user_id, r.username, r.organisation, r.role, r.action,
            r.event, r.object_type, r.object_ref, r.person_ref, r.legal_basis,
            r.purpose, r.request_id, r.count, new_prev, head
        ) RETURNING id INTO new_id;
        new_hash := head;
        RETURN NEXT;
    END LOOP;
END
$$;
"""
DROP = "DROP FUNCTION IF EXISTS maxww_audit_append(bigint, jsonb)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_action_pseudonymised")]

    operations = [migrations.RunPython(create, drop)]
