#include "db/database.h"
#include "queue/lockstore.h"
#include "testdatabase.h"

#include <QMutex>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace QueueDesk;
using namespace QueueDesk::Testing;

// Key locks: one holder at a time, takeover after expiry, and only the
// token's owner can extend or release.
class TestLocks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        auto settings = TestDatabase::create(u"qdtest_locks"_s);
        QVERIFY2(settings.ok(), qPrintable(settings.error().toString()));
        m_settings = settings.value();
        m_db = TestDatabase::connect(m_settings, u"main"_s);
        m_other = TestDatabase::connect(m_settings, u"other"_s);
    }

    void init() { QVERIFY(Database::exec(m_db, u"TRUNCATE queuedesk.locks"_s).ok()); }

    void secondAcquirerIsRefusedUntilRelease()
    {
        LockStore first(m_db), second(m_other);
        auto token = first.acquire(u"url:https://example.com/a"_s, 30);
        QVERIFY2(token.ok(), qPrintable(token.error().toString()));
        QCOMPARE(token->size(), 32);

        auto refused = second.acquire(u"url:https://example.com/a"_s, 30);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, Error::Code::LockHeld);
        QVERIFY2(refused.error().message.contains(u"until "_s) && refused.error().message.contains(u" s)."_s),
                 qPrintable(refused.error().message));
        QCOMPARE(ownerOf(u"url:https://example.com/a"_s), token.value());

        // Another key is another lock.
        QVERIFY(second.acquire(u"url:https://example.com/b"_s, 30).ok());

        QVERIFY(first.release(u"url:https://example.com/a"_s, token.value()).ok());
        QCOMPARE(ownerOf(u"url:https://example.com/a"_s), QString());
        auto next = second.acquire(u"url:https://example.com/a"_s, 30);
        QVERIFY(next.ok());
        QVERIFY(next.value() != token.value());
    }

    void wrongTokenChangesNothing()
    {
        LockStore store(m_db);
        auto token = store.acquire(u"k"_s, 30);
        QVERIFY(token.ok());
        const QString before = row(u"k"_s);

        const Status released = store.release(u"k"_s, u"not-the-token"_s);
        QCOMPARE(released.error().code, Error::Code::LockHeld);
        const Status extended = store.extend(u"k"_s, u"not-the-token"_s, 600);
        QCOMPARE(extended.error().code, Error::Code::LockHeld);
        QCOMPARE(row(u"k"_s), before);

        QCOMPARE(store.release(u"nobody"_s, token.value()).error().code, Error::Code::NotFound);
        QCOMPARE(store.extend(u"nobody"_s, token.value(), 10).error().code, Error::Code::NotFound);
    }

    void extendMovesTheExpiry()
    {
        LockStore store(m_db);
        auto token = store.acquire(u"k"_s, 5);
        QVERIFY(token.ok());
        QVERIFY(store.extend(u"k"_s, token.value(), 3600).ok());
        QCOMPARE(scalar(u"SELECT expires_at > now() + interval '3590 seconds' FROM queuedesk.locks WHERE key = 'k'"_s), true);
        QCOMPARE(store.extend(u"k"_s, token.value(), 0).error().code, Error::Code::InvalidArgument);
        QCOMPARE(store.acquire(QString(), 10).error().code, Error::Code::InvalidArgument);
    }

    void expiredLockIsTakenOver()
    {
        LockStore first(m_db), second(m_other);
        auto old = first.acquire(u"k"_s, 1);
        QVERIFY(old.ok());
        QCOMPARE(second.acquire(u"k"_s, 30).error().code, Error::Code::LockHeld);

        Result<QString> taken = Error();
        // qWaitFor, not QTRY_VERIFY: the macro evaluates its expression once
        // more after success, and a second acquire would be refused.
        QVERIFY(QTest::qWaitFor([&] { return (taken = second.acquire(u"k"_s, 30)).ok(); }, 5000));
        QCOMPARE(ownerOf(u"k"_s), taken.value());
        // The old owner can neither release nor extend the new hold.
        QCOMPARE(first.release(u"k"_s, old.value()).error().code, Error::Code::LockHeld);
        QCOMPARE(first.extend(u"k"_s, old.value(), 30).error().code, Error::Code::LockHeld);
        QCOMPARE(ownerOf(u"k"_s), taken.value());
    }

    void purgeDeletesOnlyExpiredLocks()
    {
        LockStore store(m_db);
        QVERIFY(store.acquire(u"short-1"_s, 1).ok());
        QVERIFY(store.acquire(u"short-2"_s, 1).ok());
        QVERIFY(store.acquire(u"long"_s, 600).ok());
        QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT count(*) FROM queuedesk.locks WHERE expires_at < now()"_s).toInt(), 2, 5000);
        auto purged = store.purgeExpired();
        QVERIFY(purged.ok());
        QCOMPARE(purged.value(), 2);
        QCOMPARE(scalar(u"SELECT string_agg(key, ',') FROM queuedesk.locks"_s).toString(), u"long"_s);
    }

    void racingAcquirersHaveOneWinner()
    {
        // Eight connections at once, several rounds: exactly one wins each.
        for (int round = 0; round < 5; ++round) {
            const QString key = u"race-%1"_s.arg(round);
            QMutex mutex;
            QStringList winners;
            QList<Error::Code> losers;
            QList<QThread *> threads;
            for (int t = 0; t < 8; ++t) {
                threads.append(QThread::create([&, t] {
                    const QString name = u"racer-%1"_s.arg(t);
                    {
                        LockStore store(TestDatabase::connect(m_settings, name));
                        auto token = store.acquire(key, 60);
                        QMutexLocker lock(&mutex);
                        if (token)
                            winners.append(token.value());
                        else
                            losers.append(token.error().code);
                    }
                    Database::close(name);
                }));
                threads.last()->start();
            }
            for (QThread *thread : threads) {
                QVERIFY(thread->wait(30000));
                delete thread;
            }
            QCOMPARE(winners.size(), 1);
            QCOMPARE(losers, QList<Error::Code>(7, Error::Code::LockHeld));
            QCOMPARE(ownerOf(key), winners.first());
        }
    }

private:
    QVariant scalar(const QString &sql, const QVariantList &binds = {})
    {
        auto query = Database::exec(m_db, sql, binds);
        return query && query.value().next() ? query.value().value(0) : QVariant();
    }

    QString ownerOf(const QString &key)
    {
        return scalar(u"SELECT owner_token FROM queuedesk.locks WHERE key = ?"_s, {key}).toString();
    }

    QString row(const QString &key)
    {
        return scalar(u"SELECT row_to_json(l)::text FROM queuedesk.locks l WHERE key = ?"_s, {key}).toString();
    }

    ConnectionSettings m_settings;
    QSqlDatabase m_db;
    QSqlDatabase m_other;
};

QTEST_GUILESS_MAIN(TestLocks)
#include "tst_locks.moc"
