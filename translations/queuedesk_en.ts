<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>QueueDesk::CloseGuard</name>
    <message numerus="yes">
        <source>The local worker is running %n job(s).</source>
        <translation>
            <numerusform>The local worker is running %n job.</numerusform>
            <numerusform>The local worker is running %n jobs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drain and quit: take no new jobs, let the running ones finish (up to %n s), give the rest back to waiting, then quit.</source>
        <translation>
            <numerusform>Drain and quit: take no new jobs, let the running ones finish (up to %n s), give the rest back to waiting, then quit.</numerusform>
            <numerusform>Drain and quit: take no new jobs, let the running ones finish (up to %n s), give the rest back to waiting, then quit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Letting %n running job(s) finish (up to %1 s). Jobs still running then go back to waiting for another worker.</source>
        <translation>
            <numerusform>Letting %n running job finish (up to %1 s). Jobs still running then go back to waiting for another worker.</numerusform>
            <numerusform>Letting %n running jobs finish (up to %1 s). Jobs still running then go back to waiting for another worker.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::DatabaseHealthPanel</name>
    <message numerus="yes">
        <source>%1 (%n run(s))</source>
        <translation>
            <numerusform>%1 (%n run)</numerusform>
            <numerusform>%1 (%n runs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::DeadLettersPage</name>
    <message numerus="yes">
        <source>Purging %n job(s)…</source>
        <translation>
            <numerusform>Purging %n job…</numerusform>
            <numerusform>Purging %n jobs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Requeueing %n job(s)…</source>
        <translation>
            <numerusform>Requeueing %n job…</numerusform>
            <numerusform>Requeueing %n jobs…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln failed job(s) for good? This cannot be undone.</source>
        <translation>
            <numerusform>Delete %Ln failed job for good? This cannot be undone.</numerusform>
            <numerusform>Delete %Ln failed jobs for good? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::LocalEngineController</name>
    <message numerus="yes">
        <source>Local worker: running, %n job(s)</source>
        <translation>
            <numerusform>Local worker: running, %n job</numerusform>
            <numerusform>Local worker: running, %n jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Local worker: reconnecting, %n job(s)</source>
        <translation>
            <numerusform>Local worker: reconnecting, %n job</numerusform>
            <numerusform>Local worker: reconnecting, %n jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Local worker: draining, %n job(s) left</source>
        <translation>
            <numerusform>Local worker: draining, %n job left</numerusform>
            <numerusform>Local worker: draining, %n jobs left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::MainWindow</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDesk::WaitExplainer</name>
    <message numerus="yes">
        <source>It will be retried at %1 (in %2), after %n failed attempt(s).</source>
        <translation>
            <numerusform>It will be retried at %1 (in %2), after %n failed attempt.</numerusform>
            <numerusform>It will be retried at %1 (in %2), after %n failed attempts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It is not waiting: it failed at %1 after %n attempt(s).</source>
        <translation>
            <numerusform>It is not waiting: it failed at %1 after %n attempt.</numerusform>
            <numerusform>It is not waiting: it failed at %1 after %n attempts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running worker(s) serve it, but without a recent heartbeat.</source>
        <translation>
            <numerusform>%n running worker serves it, but without a recent heartbeat.</numerusform>
            <numerusform>%n running workers serve it, but without a recent heartbeat.</numerusform>
        </translation>
    </message>
</context>
</TS>
