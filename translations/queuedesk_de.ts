<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ConnectionErrorText</name>
    <message>
        <source>the socket in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password: the server refused the password for user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server wants a password for user &quot;%1&quot; and none was given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no user (role) named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not let user &quot;%1&quot; connect to database &quot;%2&quot; from this computer (no matching line in its pg_hba.conf).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection refused: nothing accepts connections at %1. Is PostgreSQL running there, on that port, and listening on the network?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host unreachable: %1 did not answer. Check the address, the network and any firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name &quot;%1&quot; could not be resolved: check its spelling, or the DNS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS refused: this connection asks for TLS (SSL), and the server does not offer it or has no pg_hba.conf line allowing it from here. Choose SSL mode &quot;prefer&quot;, or ask the server&apos;s administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS required: the server refused an unencrypted connection from here (no pg_hba.conf line for user &quot;%1&quot; and database &quot;%2&quot; without TLS). Choose SSL mode &quot;require&quot; or stricter, or ask the server&apos;s administrator to allow this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS certificates could not be used: a certificate or key file is missing or unreadable, or the server&apos;s certificate could not be verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database &quot;%1&quot; does not exist on this server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to PostgreSQL was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QueueDesk schema is missing in this database. Create it (this runs the migrations) to start using this database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was set up by a newer QueueDesk (schema %1; this app knows up to %2). It is shown read-only, so that this older app never changes data it may not understand. Upgrade QueueDesk to change anything.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DurationText</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
</context>
<context>
    <name>QueueConfigDialog</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit (jobs/minute)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-store limit per claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store concurrency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff base (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backoff max (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep completed (newest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep completed for (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep failed (newest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep failed for (s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::BulkActionRunner</name>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the priority of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another action is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete job %1? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1: %2 done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs match; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 jobs?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::CleanQueueDialog</name>
    <message>
        <source>Clean queue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete jobs that are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and finished more than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 jobs deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::CloseGuard</name>
    <message>
        <source>Local jobs are running</source>
        <translation>Lokale Jobs laufen</translation>
    </message>
    <message numerus="yes">
        <source>The local worker is running %n job(s).</source>
        <translation>
            <numerusform>Der lokale Worker führt %n Job aus.</numerusform>
            <numerusform>Der lokale Worker führt %n Jobs aus.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drain and quit: take no new jobs, let the running ones finish (up to %n s), give the rest back to waiting, then quit.</source>
        <translation>
            <numerusform>Auslaufen lassen und beenden: keine neuen Jobs annehmen, laufende Jobs fertig werden lassen (bis zu %n s), den Rest zurück in die Warteschlange geben, dann beenden.</numerusform>
            <numerusform>Auslaufen lassen und beenden: keine neuen Jobs annehmen, laufende Jobs fertig werden lassen (bis zu %n s), den Rest zurück in die Warteschlange geben, dann beenden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The system tray is not available on this desktop, so QueueDesk cannot keep working with its window closed.</source>
        <translation>Auf diesem Desktop gibt es keinen Infobereich, daher kann QueueDesk bei geschlossenem Fenster nicht weiterarbeiten.</translation>
    </message>
    <message>
        <source>Drain and quit</source>
        <translation>Auslaufen lassen und beenden</translation>
    </message>
    <message>
        <source>Keep working in the tray</source>
        <translation>Im Infobereich weiterarbeiten</translation>
    </message>
    <message>
        <source>Show QueueDesk</source>
        <translation>QueueDesk anzeigen</translation>
    </message>
    <message>
        <source>QueueDesk keeps working</source>
        <translation>QueueDesk arbeitet weiter</translation>
    </message>
    <message>
        <source>The local worker goes on in the background. Use this icon to show the window or to drain and quit.</source>
        <translation>Der lokale Worker läuft im Hintergrund weiter. Über dieses Symbol zeigen Sie das Fenster an oder lassen ihn auslaufen und beenden.</translation>
    </message>
    <message>
        <source>Draining the local worker</source>
        <translation>Der lokale Worker läuft aus</translation>
    </message>
    <message numerus="yes">
        <source>Letting %n running job(s) finish (up to %1 s). Jobs still running then go back to waiting for another worker.</source>
        <translation>
            <numerusform>%n laufender Job wird fertig (bis zu %1 s). Danach noch laufende Jobs warten wieder auf einen anderen Worker.</numerusform>
            <numerusform>%n laufende Jobs werden fertig (bis zu %1 s). Danach noch laufende Jobs warten wieder auf einen anderen Worker.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::ConnectionDialog</name>
    <message>
        <source>&amp;Local: QueueDesk&apos;s own PostgreSQL on this computer, started and set up for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server: a PostgreSQL server you already run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: look, never change anything through this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (SSL) mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to QueueDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where are your queues? If you are trying QueueDesk out, choose Local: it runs its own PostgreSQL in a folder of yours, nothing to install or configure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local PostgreSQL is started and checked when you connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Testing the connection to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to PostgreSQL %1 as &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QueueDesk schema is older than this app (version %1 of %2): it can be upgraded after connecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QueueDesk will be read-only here: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::ConnectionFlow</name>
    <message>
        <source>Reading the password of %1 from the keychain…</source>
        <translation>Das Passwort von %1 wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>Not connected: no password was given.</source>
        <translation>Nicht verbunden: es wurde kein Passwort angegeben.</translation>
    </message>
</context>
<context>
    <name>QueueDesk::ConnectionProfile</name>
    <message>
        <source>Give the connection a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s host name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name of the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::ConnectionsChart</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server, this database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine pool: the connections of the engine that sampled the metrics last (waiting: callers waiting for a free connection).
Server: client connections to this database in pg_stat_activity (in use: running a statement or inside a transaction; waiting: on a lock).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine pool (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine pool (no engine sampling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections (server limit %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server by state: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::CronDescriber</name>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>January</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>February</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>June</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>July</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>August</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>September</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>October</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>November</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>December</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every hour at :%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every hour at minutes %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1 hours at :%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>during hours %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every minute %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every %1 minutes %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at minutes %1 past the hour %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on day %1 of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on days %1 of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, if it falls on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::DashboardPage</name>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>Verzögert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Warteschlangentiefe</translation>
    </message>
    <message>
        <source>Throughput per minute</source>
        <translation>Durchsatz pro Minute</translation>
    </message>
    <message>
        <source>Delayed: scheduled for later, retries included. Failed: the failed jobs kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All queues</source>
        <translation>Alle Warteschlangen</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>Warteschlange:</translation>
    </message>
    <message>
        <source>Time range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Jobs per store: no queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counted now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampled %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No metrics history yet: the charts start now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History since %1 from the metrics table, live after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all queues</source>
        <translation>alle Warteschlangen</translation>
    </message>
    <message>
        <source>Queue depth: %1</source>
        <translation>Warteschlangentiefe: %1</translation>
    </message>
    <message>
        <source>Throughput per minute: %1</source>
        <translation>Durchsatz pro Minute: %1</translation>
    </message>
</context>
<context>
    <name>QueueDesk::DatabaseHealthPanel</name>
    <message>
        <source>Database health (queuedesk.jobs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows of the jobs table, as the statistics estimate them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead tuples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row versions left by updates and deletes that vacuum has not removed yet. Many of them slow every claim, which walks past them in the indexes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last autovacuum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When autovacuum last cleaned the jobs table, and how often it has since the statistics were reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The jobs table on disk, TOAST included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each index of the jobs table on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest open transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The oldest transaction open in this database. While a transaction stays open, vacuum cannot remove rows that died after it began, so a SKIP LOCKED queue stalls: every claim walks over more and more dead index entries. Commit or end long transactions (idle in transaction above all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no jobs table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n run(s))</source>
        <translation>
            <numerusform>%1 (%n Lauf)</numerusform>
            <numerusform>%1 (%n Läufe)</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>; manual VACUUM %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (indexes %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (pid %2, %3%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vacuum cannot clean behind it: claims slow down.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::DeadLettersModel</name>
    <message>
        <source>(no error recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::DeadLettersPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Requeue selected</source>
        <translation>Ausgewählte erneut einreihen</translation>
    </message>
    <message>
        <source>Requeue all</source>
        <translation>Alle erneut einreihen</translation>
    </message>
    <message>
        <source>Purge selected…</source>
        <translation>Ausgewählte löschen…</translation>
    </message>
    <message>
        <source>Purge all…</source>
        <translation>Alle löschen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purge dead letters</source>
        <translation>Dead Letters löschen</translation>
    </message>
    <message numerus="yes">
        <source>Purging %n job(s)…</source>
        <translation>
            <numerusform>%n Job wird gelöscht…</numerusform>
            <numerusform>%n Jobs werden gelöscht…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Requeueing %n job(s)…</source>
        <translation>
            <numerusform>%n Job wird erneut eingereiht…</numerusform>
            <numerusform>%n Jobs werden erneut eingereiht…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln failed job(s) for good? This cannot be undone.</source>
        <translation>
            <numerusform>%Ln fehlgeschlagenen Job endgültig löschen? Das lässt sich nicht rückgängig machen.</numerusform>
            <numerusform>%Ln fehlgeschlagene Jobs endgültig löschen? Das lässt sich nicht rückgängig machen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::HandlerOptionsBox</name>
    <message>
        <source>Job types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;command&quot; jobs (programs on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &quot;sql&quot; jobs (functions in this database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed programs, e.g. /usr/bin/convert, gzip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noop, sleep, fail and http jobs always run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 jobs are off: they fail with a message saying so, and are not run. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn these on only for queues whose producers you trust: a command job runs a program of the allow-list on this computer, an sql job calls a function in the database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::JobCloneDialog</name>
    <message>
        <source>Clone job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload of the new job (a JSON object):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::JobDetailDialog</name>
    <message>
        <source>Job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing holds it back: the next claim on its queue should take it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lease until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1 failed on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1 started on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::JobFilterBar</name>
    <message>
        <source>States</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queues, comma separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>payload: url = https://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text in the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created from (yyyy-MM-dd HH:mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oldest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write payload filters as key = value, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 time &quot;%2&quot; is not a date like 2026-01-31 14:00.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::JobsModel</name>
    <message>
        <source>retrying</source>
        <comment>job state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delayed</source>
        <comment>job state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stalled</source>
        <comment>job state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::JobsPage</name>
    <message>
        <source>All matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 all matching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All matching the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+K</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+Del</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+Shift+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change priority…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Alt+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clone with payload…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export all matching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Change priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New priority (higher runs first):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 cloned as job %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the jobs to export first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 jobs exported to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::KeychainSecretStore</name>
    <message>
        <source>No password is saved in the keychain for this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused access, so the password is asked for each session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available on this desktop (no Secret Service), so the password is not saved and is asked for each session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not delete the saved password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::LocalEngineController</name>
    <message>
        <source>The local worker is already running.</source>
        <translation>Der lokale Worker läuft bereits.</translation>
    </message>
    <message>
        <source>Connect to a database before starting the local worker.</source>
        <translation>Verbinden Sie sich mit einer Datenbank, bevor Sie den lokalen Worker starten.</translation>
    </message>
    <message>
        <source>Choose at least one queue to work on.</source>
        <translation>Wählen Sie mindestens eine Warteschlange aus.</translation>
    </message>
    <message>
        <source>Local worker: starting</source>
        <translation>Lokaler Worker: startet</translation>
    </message>
    <message numerus="yes">
        <source>Local worker: running, %n job(s)</source>
        <translation>
            <numerusform>Lokaler Worker: läuft, %n Job</numerusform>
            <numerusform>Lokaler Worker: läuft, %n Jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Local worker: reconnecting, %n job(s)</source>
        <translation>
            <numerusform>Lokaler Worker: verbindet neu, %n Job</numerusform>
            <numerusform>Lokaler Worker: verbindet neu, %n Jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Local worker: draining, %n job(s) left</source>
        <translation>
            <numerusform>Lokaler Worker: läuft aus, noch %n Job</numerusform>
            <numerusform>Lokaler Worker: läuft aus, noch %n Jobs</numerusform>
        </translation>
    </message>
    <message>
        <source>Local worker: off</source>
        <translation>Lokaler Worker: aus</translation>
    </message>
</context>
<context>
    <name>QueueDesk::LocalWorkerPage</name>
    <message>
        <source>Start local worker</source>
        <translation>Lokalen Worker starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>Job abbrechen</translation>
    </message>
    <message>
        <source>Stop taking jobs; running jobs get the drain time to finish, the rest go back to waiting</source>
        <translation>Keine Jobs mehr annehmen; laufende Jobs haben die Auslaufzeit, um fertig zu werden, der Rest wartet wieder</translation>
    </message>
    <message>
        <source>Cancel the selected running job: it ends as cancelled</source>
        <translation>Den ausgewählten laufenden Job abbrechen: er endet als abgebrochen</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On stop, let running jobs finish for</source>
        <translation>Beim Anhalten laufende Jobs fertig werden lassen für</translation>
    </message>
    <message>
        <source>Take jobs from the chosen queues in this app</source>
        <translation>Jobs aus den gewählten Warteschlangen in dieser App ausführen</translation>
    </message>
    <message>
        <source>Connect to a database first</source>
        <translation>Zuerst mit einer Datenbank verbinden</translation>
    </message>
    <message>
        <source>Since start: %1 completed · %2 failed · %3 retrying · %4 cancelled · %5 given back</source>
        <translation>Seit dem Start: %1 abgeschlossen · %2 fehlgeschlagen · %3 in Wiederholung · %4 abgebrochen · %5 zurückgegeben</translation>
    </message>
</context>
<context>
    <name>QueueDesk::MainWindow</name>
    <message>
        <source>QueueDesk</source>
        <translation>QueueDesk</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead Letters</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Zeitpläne</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Local worker</source>
        <translation>Lokaler Worker</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden…</translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <source>QueueDesk&apos;s own PostgreSQL</source>
        <translation>Eigenes PostgreSQL von QueueDesk</translation>
    </message>
    <message>
        <source>No saved profiles</source>
        <translation>Keine gespeicherten Profile</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <source>New job…</source>
        <translation>Neuer Job…</translation>
    </message>
    <message>
        <source>New queue…</source>
        <translation>Neue Warteschlange…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Pause live refresh</source>
        <translation>Live-Aktualisierung anhalten</translation>
    </message>
    <message>
        <source>Refresh interval</source>
        <translation>Aktualisierungsintervall</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <source>Starting the local PostgreSQL…</source>
        <translation>Das lokale PostgreSQL wird gestartet…</translation>
    </message>
    <message>
        <source>The local PostgreSQL could not start: %1</source>
        <translation>Das lokale PostgreSQL konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Local: not running</source>
        <translation>Lokal: läuft nicht</translation>
    </message>
    <message>
        <source>This connection profile is marked read-only.</source>
        <translation>Dieses Verbindungsprofil ist als schreibgeschützt markiert.</translation>
    </message>
    <message>
        <source>The QueueDesk schema in this database is older than this app (version %1 of %2): upgrade it to continue.</source>
        <translation>Das QueueDesk-Schema in dieser Datenbank ist älter als diese App (Version %1 von %2): aktualisieren Sie es, um fortzufahren.</translation>
    </message>
    <message>
        <source>The schema is newer than this app: it is shown read-only.</source>
        <translation>Das Schema ist neuer als diese App: es wird schreibgeschützt angezeigt.</translation>
    </message>
    <message>
        <source>%1: connected to %2</source>
        <translation>%1: verbunden mit %2</translation>
    </message>
    <message>
        <source>%1: connecting to %2…</source>
        <translation>%1: Verbindung zu %2 wird aufgebaut…</translation>
    </message>
    <message>
        <source>%1: disconnected</source>
        <translation>%1: getrennt</translation>
    </message>
    <message>
        <source>Connection lost: %1 Reconnecting…</source>
        <translation>Verbindung verloren: %1 Neue Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not connect: %1 Trying again…</source>
        <translation>Verbindung fehlgeschlagen: %1 Neuer Versuch…</translation>
    </message>
    <message>
        <source>Refreshed %1 (SQL %2 ms, round trip %3 ms)</source>
        <translation>Aktualisiert %1 (SQL %2 ms, Umlaufzeit %3 ms)</translation>
    </message>
</context>
<context>
    <name>QueueDesk::MemorySecretStore</name>
    <message>
        <source>No password is saved for this connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::NewJobDialog</name>
    <message>
        <source>New job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At a date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enqueue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enqueued: another unfinished job already holds this unique key. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enqueued: the queue does not exist. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enqueued: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::PasswordPrompt</name>
    <message>
        <source>Save the password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::PermissionProbe</name>
    <message>
        <source>The database role &quot;%1&quot; may not change queues (no UPDATE privilege on queuedesk.queues), so pausing and resuming are off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database role &quot;%1&quot; may not add jobs (no INSERT privilege on queuedesk.jobs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database role &quot;%1&quot; may not create queues (no INSERT privilege on queuedesk.queues).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database role &quot;%1&quot; may not create a schema in this database (no CREATE privilege on the database). Ask its administrator, or connect as the database&apos;s owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner of the queuedesk schema (or a superuser) can change it, and &quot;%1&quot; is not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database role &quot;%1&quot; may not claim jobs (no EXECUTE privilege on queuedesk.claim).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database role &quot;%1&quot; may not add, change and remove jobs (it needs SELECT, INSERT, UPDATE and DELETE on queuedesk.jobs).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::QueueChooser</name>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Executors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many jobs of this queue the local worker runs at once</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::QueueConfigDialog</name>
    <message>
        <source>New queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health thresholds (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit queue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health thresholds: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::QueueHealthModel</name>
    <message>
        <source>not checked</source>
        <comment>queue health</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>healthy</source>
        <comment>queue health</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <comment>queue health</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <comment>queue health</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scheduler leader has not judged this queue yet (no engine running?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::QueuesModel</name>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>Verzögert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Jobs/min</source>
        <translation>Jobs/min</translation>
    </message>
    <message>
        <source>Avg runtime</source>
        <translation>Mittl. Laufzeit</translation>
    </message>
    <message>
        <source>p95 runtime</source>
        <translation>p95-Laufzeit</translation>
    </message>
    <message>
        <source>State</source>
        <comment>queue paused or running</comment>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
</context>
<context>
    <name>QueueDesk::QueuesPage</name>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Clean…</source>
        <translation>Aufräumen…</translation>
    </message>
</context>
<context>
    <name>QueueDesk::RunningJobsModel</name>
    <message>
        <source>keywords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>businesses found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>businesses created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>businesses updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>job type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::ScheduleDialog</name>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip missed fires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catch up once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next fires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed fires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit schedule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a cron expression, e.g. */15 * * * * or @daily.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never fires</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::SchedulesModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::SchedulesPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved schedule %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggered %1: job %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the schedule %1? Jobs it already enqueued stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::SchemaBanner</name>
    <message>
        <source>Create schema</source>
        <translation>Schema anlegen</translation>
    </message>
    <message>
        <source>Runs QueueDesk&apos;s migrations in this database.</source>
        <translation>Führt die Migrationen von QueueDesk in dieser Datenbank aus.</translation>
    </message>
    <message>
        <source>Creating the QueueDesk schema…</source>
        <translation>Das QueueDesk-Schema wird angelegt…</translation>
    </message>
</context>
<context>
    <name>QueueDesk::StoreLoadChart</name>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Jobs per store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs per store in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting and active jobs of the busiest stores, the rest as &quot;others&quot; (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no store)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>others (%1 stores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>others</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::WaitExplainer</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no store)</source>
        <comment>jobs without a store</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its queue &quot;%1&quot; no longer exists, so no worker will claim it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue &quot;%1&quot; is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is delayed until %1 (in %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It will be retried at %1 (in %2), after %n failed attempt(s).</source>
        <translation>
            <numerusform>Er wird um %1 (in %2) erneut versucht, nach %n fehlgeschlagenen Versuch.</numerusform>
            <numerusform>Er wird um %1 (in %2) erneut versucht, nach %n fehlgeschlagenen Versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is not waiting: it is active on worker &quot;%1&quot;, but its lease ran out at %2, so the worker looks gone; it will be rescued as a stalled job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not waiting: it is running now on worker &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not waiting: it completed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It is not waiting: it failed at %1 after %n attempt(s).</source>
        <translation>
            <numerusform>Er wartet nicht: er ist um %1 nach %n Versuch fehlgeschlagen.</numerusform>
            <numerusform>Er wartet nicht: er ist um %1 nach %n Versuchen fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is not waiting: it was cancelled at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not waiting (state %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue &quot;%1&quot; is at its concurrency limit: %2 active of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue &quot;%1&quot; has a rate limit of 0 jobs per minute, so no job starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue &quot;%1&quot; used up its rate limit of %2 jobs per minute; the next start is possible in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store %1 is at the per-store limit of queue &quot;%2&quot;: %3 active of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No live worker serves queue &quot;%1&quot;: none is running with a heartbeat in the last %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n running worker(s) serve it, but without a recent heartbeat.</source>
        <translation>
            <numerusform>%n laufender Worker bedient sie, aber ohne aktuellen Heartbeat.</numerusform>
            <numerusform>%n laufende Worker bedienen sie, aber ohne aktuellen Heartbeat.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 waiting jobs of its store %2 are ahead of it (stores take turns; %3 in the whole queue &quot;%4&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting jobs are ahead of it in queue &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDesk::WorkersModel</name>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source>Active jobs</source>
        <translation>Aktive Jobs</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>State</source>
        <comment>worker state</comment>
        <translation>Status</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leiter</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>Leiter</translation>
    </message>
</context>
<context>
    <name>TimeRange</name>
    <message>
        <source>15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>QueueDesk: operator console for PostgreSQL job queues.</source>
        <translation>QueueDesk: Bedienoberfläche für PostgreSQL-Jobwarteschlangen.</translation>
    </message>
    <message>
        <source>Show the interface in &lt;language&gt; (e.g. de, en).</source>
        <translation>Zeigt die Oberfläche in &lt;language&gt; an (z. B. de, en).</translation>
    </message>
</context>
</TS>
