# What `cmake --install` puts in place, in two components that
# cmake/Packaging.cmake turns into the two Debian packages:
#   console  the queuedesk program, its desktop entry, AppStream metainfo,
#            icons and man page
#   worker   queuedesk-worker, its systemd unit, default settings, system
#            user (sysusers.d), state folder (tmpfiles.d), man page and bash
#            completion
# The data files live in packaging/. scripts/package.sh configures with
# CMAKE_INSTALL_PREFIX=/usr; the default /usr/local works too (systemd also
# reads /usr/local/lib/systemd/system, sysusers.d and tmpfiles.d).
include(GNUInstallDirs)

set(QUEUEDESK_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
# /etc/queuedesk with the /usr prefix (GNUInstallDirs' special case), else
# <prefix>/etc/queuedesk: the unit, the man page and the files agree.
set(QUEUEDESK_CONFIG_DIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/queuedesk)
# systemd looks in <prefix>/lib, never in a multiarch libdir such as Debian's
# lib/x86_64-linux-gnu, so these name lib/ itself. /usr/lib/systemd/system
# is what lintian on bookworm calls canonical (it accepts /lib too).
set(QUEUEDESK_SYSTEMD_UNIT_DIR lib/systemd/system)
set(QUEUEDESK_SYSUSERS_DIR lib/sysusers.d)
set(QUEUEDESK_TMPFILES_DIR lib/tmpfiles.d)

# qt_standard_project_setup() gives installed programs the RUNPATH $ORIGIN
# and $ORIGIN/../<libdir>, for apps that bring their own libraries. Ours use
# the system's only: no RUNPATH (as Debian wants), and a change of prefix,
# which moves <libdir>, does not relink them.
set_target_properties(queuedesk queuedesk-worker PROPERTIES INSTALL_RPATH "")

# --- console ---------------------------------------------------------------
install(TARGETS queuedesk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT console)
install(FILES ${QUEUEDESK_PACKAGING_DIR}/desktop/${QUEUEDESK_APP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT console)
install(FILES ${QUEUEDESK_PACKAGING_DIR}/desktop/${QUEUEDESK_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT console)
# hicolor/NxN/apps/<id>.png for 16 to 256 px, and scalable/apps/<id>.svg.
install(DIRECTORY ${QUEUEDESK_PACKAGING_DIR}/icons/hicolor
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons COMPONENT console)

# --- worker ----------------------------------------------------------------
install(TARGETS queuedesk-worker RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT worker)
configure_file(${QUEUEDESK_PACKAGING_DIR}/systemd/queuedesk-worker.service.in
    ${CMAKE_BINARY_DIR}/packaging/queuedesk-worker.service @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/packaging/queuedesk-worker.service
    DESTINATION ${QUEUEDESK_SYSTEMD_UNIT_DIR} COMPONENT worker)
# A conffile in the package (cmake/Packaging.cmake): an edited copy survives
# upgrades.
install(FILES ${QUEUEDESK_PACKAGING_DIR}/systemd/worker.ini
    DESTINATION ${QUEUEDESK_CONFIG_DIR} COMPONENT worker)
install(FILES ${QUEUEDESK_PACKAGING_DIR}/sysusers.d/queuedesk.conf
    DESTINATION ${QUEUEDESK_SYSUSERS_DIR} COMPONENT worker)
install(FILES ${QUEUEDESK_PACKAGING_DIR}/tmpfiles.d/queuedesk.conf
    DESTINATION ${QUEUEDESK_TMPFILES_DIR} COMPONENT worker)
install(FILES ${QUEUEDESK_PACKAGING_DIR}/bash-completion/queuedesk-worker
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT worker)

# --- man pages -------------------------------------------------------------
# Made at build time by help2man from the programs' own --help (so they
# cannot fall behind an option), plus packaging/man/<program>.h2m for what
# --help cannot say; queuedesk-worker gets a section per command from that
# command's --help. gzip -n: no name or time stamp in the file, so the same
# sources give the same package.
find_program(QUEUEDESK_HELP2MAN help2man)
find_program(QUEUEDESK_GZIP gzip)
find_package(Perl QUIET)
if(QUEUEDESK_HELP2MAN AND QUEUEDESK_GZIP AND PERL_FOUND)
    set(QUEUEDESK_MAN_DIR ${CMAKE_BINARY_DIR}/man)
    # English help whatever the build machine's language, and no display:
    # the console parses --help before it would need one.
    set(QUEUEDESK_MAN_ENV ${CMAKE_COMMAND} -E env LC_ALL=C.UTF-8 QUEUEDESK_LANG=en
        --unset=LANGUAGE --unset=DISPLAY --unset=WAYLAND_DISPLAY)
    set(QUEUEDESK_HELP2MAN_ARGS --no-info --no-discard-stderr --section=1)

    add_custom_command(OUTPUT ${QUEUEDESK_MAN_DIR}/queuedesk.1.gz
        COMMAND ${CMAKE_COMMAND} -E make_directory ${QUEUEDESK_MAN_DIR}
        COMMAND ${QUEUEDESK_MAN_ENV} ${QUEUEDESK_HELP2MAN} ${QUEUEDESK_HELP2MAN_ARGS}
            --include=${QUEUEDESK_PACKAGING_DIR}/man/queuedesk.h2m
            --output=${QUEUEDESK_MAN_DIR}/queuedesk.1 $<TARGET_FILE:queuedesk>
        COMMAND ${QUEUEDESK_GZIP} -9nf ${QUEUEDESK_MAN_DIR}/queuedesk.1
        DEPENDS queuedesk ${QUEUEDESK_PACKAGING_DIR}/man/queuedesk.h2m
        COMMENT "Writing the queuedesk(1) man page"
        VERBATIM)
    add_custom_command(OUTPUT ${QUEUEDESK_MAN_DIR}/queuedesk-worker.1.gz
        COMMAND ${CMAKE_COMMAND} -E make_directory ${QUEUEDESK_MAN_DIR}
        COMMAND ${QUEUEDESK_MAN_ENV} ${PERL_EXECUTABLE}
            ${QUEUEDESK_PACKAGING_DIR}/man/subcommand-sections.pl
            $<TARGET_FILE:queuedesk-worker> ${QUEUEDESK_MAN_DIR}/queuedesk-worker-commands.h2m
        COMMAND ${QUEUEDESK_MAN_ENV} ${QUEUEDESK_HELP2MAN} ${QUEUEDESK_HELP2MAN_ARGS}
            --include=${QUEUEDESK_MAN_DIR}/queuedesk-worker-commands.h2m
            --include=${QUEUEDESK_PACKAGING_DIR}/man/queuedesk-worker.h2m
            --output=${QUEUEDESK_MAN_DIR}/queuedesk-worker.1 $<TARGET_FILE:queuedesk-worker>
        COMMAND ${QUEUEDESK_GZIP} -9nf ${QUEUEDESK_MAN_DIR}/queuedesk-worker.1
        DEPENDS queuedesk-worker ${QUEUEDESK_PACKAGING_DIR}/man/queuedesk-worker.h2m
            ${QUEUEDESK_PACKAGING_DIR}/man/subcommand-sections.pl
        COMMENT "Writing the queuedesk-worker(1) man page"
        VERBATIM)
    add_custom_target(manpages ALL DEPENDS
        ${QUEUEDESK_MAN_DIR}/queuedesk.1.gz ${QUEUEDESK_MAN_DIR}/queuedesk-worker.1.gz)

    install(FILES ${QUEUEDESK_MAN_DIR}/queuedesk.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT console)
    install(FILES ${QUEUEDESK_MAN_DIR}/queuedesk-worker.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT worker)
else()
    message(STATUS "help2man, gzip or perl not found: no man pages (scripts/install-deps.sh installs help2man)")
endif()
