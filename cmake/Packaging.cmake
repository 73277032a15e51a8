# Debian packages with CPack, one per install component (cmake/Install.cmake):
#   queuedesk         the console (component "console")
#   queuedesk-worker  the headless worker (component "worker"): no Qt
#                     Widgets, Charts or OpenGL, so a server installs none
# Built by scripts/package.sh into <build>/packages; checked (install, run,
# lintian, purge) by tests/package/test-packages.sh.
set(QUEUEDESK_DEBIAN_DIR ${PROJECT_SOURCE_DIR}/packaging/debian)
set(QUEUEDESK_PACKAGE_MAINTAINER
    "QueueDesk maintainers <maintainers@users.noreply.b-seed-8a9439d3.example>"
    CACHE STRING "Maintainer field of the Debian packages")

# The changelog's newest entry must be this version: it is what
# /usr/share/doc/<package>/changelog.gz tells the admin.
file(STRINGS ${QUEUEDESK_DEBIAN_DIR}/changelog QUEUEDESK_CHANGELOG_HEAD LIMIT_COUNT 1)
if(NOT QUEUEDESK_CHANGELOG_HEAD MATCHES "^queuedesk \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR "packaging/debian/changelog starts with \"${QUEUEDESK_CHANGELOG_HEAD}\", "
        "not version ${PROJECT_VERSION}: add an entry for it")
endif()

# Debian's copyright and changelog in each package's doc folder. The
# version number has no Debian revision (the packaging lives with the
# sources: a native package), so the changelog is changelog.gz.
find_program(QUEUEDESK_GZIP gzip)
if(QUEUEDESK_GZIP)
    add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/packaging/changelog.gz
        COMMAND ${CMAKE_COMMAND} -E copy ${QUEUEDESK_DEBIAN_DIR}/changelog ${CMAKE_BINARY_DIR}/packaging/changelog
        COMMAND ${QUEUEDESK_GZIP} -9nf ${CMAKE_BINARY_DIR}/packaging/changelog
        DEPENDS ${QUEUEDESK_DEBIAN_DIR}/changelog
        COMMENT "Compressing the Debian changelog"
        VERBATIM)
    add_custom_target(debian_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/packaging/changelog.gz)
    foreach(pair console:queuedesk worker:queuedesk-worker)
        string(REPLACE ":" ";" pair ${pair})
        list(GET pair 0 component)
        list(GET pair 1 package)
        install(FILES ${QUEUEDESK_DEBIAN_DIR}/copyright ${CMAKE_BINARY_DIR}/packaging/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
    endforeach()
endif()

# The worker's settings are a conffile: dpkg keeps the admin's edits on
# upgrade and asks before replacing them.
file(WRITE ${CMAKE_BINARY_DIR}/packaging/debian/queuedesk-worker/conffiles
    "${QUEUEDESK_CONFIG_DIR}/worker.ini\n")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME queuedesk)
set(CPACK_PACKAGE_VENDOR "The QueueDesk maintainers")
set(CPACK_PACKAGE_CONTACT "${QUEUEDESK_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
# The packages install where the build was configured to (the unit's
# ExecStart was written for that prefix): scripts/package.sh uses /usr.
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
# /etc/queuedesk is an absolute destination: DESTDIR keeps it in the package
# instead of the build machine's /etc.
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL console worker)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${QUEUEDESK_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/queuedesk/queuedesk)
# Library dependencies from the binaries (dpkg-shlibdeps, from dpkg-dev):
# what they link is what they need, Widgets only for the console.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# What the binaries cannot show: Qt loads the PostgreSQL driver (QPSQL) and
# the console's window-system plugin (xcb) at run time, so both are Depends.
# The embedded PostgreSQL needs a server's initdb and pg_ctl: the console's
# first-launch default is Local, hence Recommends; a worker serves a
# PostgreSQL server through its DSN, hence only Suggests. A keychain for the
# console's passwords (Secret Service) is optional: without one it asks.
set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME queuedesk)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_DEPENDS "libqt6sql6-psql, qt6-qpa-plugins")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_RECOMMENDS "postgresql-15 | postgresql")
set(CPACK_DEBIAN_CONSOLE_PACKAGE_SUGGESTS "queuedesk-worker, gnome-keyring")
set(CPACK_DEBIAN_CONSOLE_DESCRIPTION "operator console for QueueDesk job queues in PostgreSQL
QueueDesk keeps a job queue in PostgreSQL: every job is one row, claimed
with FOR UPDATE SKIP LOCKED, retried with backoff and dead-lettered when
its attempts run out.

This package holds the desktop console: a dashboard of queue depth,
throughput and database health; queues, workers and a jobs browser with
bulk actions; dead letters, cron schedules, and a local worker that runs
jobs inside the app. It connects to a PostgreSQL server or runs on an
embedded PostgreSQL of its own.")

set(CPACK_DEBIAN_WORKER_PACKAGE_NAME queuedesk-worker)
set(CPACK_DEBIAN_WORKER_PACKAGE_SOURCE queuedesk)
set(CPACK_DEBIAN_WORKER_PACKAGE_DEPENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_WORKER_PACKAGE_SUGGESTS "postgresql-15 | postgresql")
set(CPACK_DEBIAN_WORKER_PACKAGE_CONTROL_EXTRA
    ${QUEUEDESK_DEBIAN_DIR}/queuedesk-worker/postinst
    ${QUEUEDESK_DEBIAN_DIR}/queuedesk-worker/prerm
    ${QUEUEDESK_DEBIAN_DIR}/queuedesk-worker/postrm
    ${CMAKE_BINARY_DIR}/packaging/debian/queuedesk-worker/conffiles)
set(CPACK_DEBIAN_WORKER_DESCRIPTION "headless worker and command-line tools for QueueDesk job queues
QueueDesk keeps a job queue in PostgreSQL: every job is one row, claimed
with FOR UPDATE SKIP LOCKED, retried with backoff and dead-lettered when
its attempts run out.

This package holds queuedesk-worker, which runs the job engine and creates
or upgrades the schema, enqueues jobs, shows statistics, manages cron
schedules and requeues failed jobs. It brings a systemd service (installed,
not enabled) running as the queuedesk system user. It needs no display.")

include(CPack)
