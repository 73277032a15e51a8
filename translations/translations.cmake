# Included from ui/CMakeLists.txt: builds translations/*.ts into .qm files at
# build time and embeds them in queuedesk_ui under :/i18n (queuedesk_<lang>.qm).
# `ninja update_translations` refreshes the .ts files from the sources; see
# docs/translations.md.
set(QUEUEDESK_TS_DIR ${PROJECT_SOURCE_DIR}/translations)

# One .ts per language besides English; add a language by adding its file here.
set(QUEUEDESK_TS_FILES ${QUEUEDESK_TS_DIR}/queuedesk_de.ts)
# English is the source language: its .ts holds only the plural forms
# ("%n job(s)" -> "1 job" / "2 jobs"), every other string is shown as written.
set(QUEUEDESK_TS_PLURALS ${QUEUEDESK_TS_DIR}/queuedesk_en.ts)

# On Qt 6.4 lupdate only sees the target's own sources unless told: the
# strings shown in the console also come from core/ (e.g. WaitExplainer) and
# from the desktop main().
file(GLOB_RECURSE QUEUEDESK_TR_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
    ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
    ${PROJECT_SOURCE_DIR}/app/desktop/*.cpp)
set(QUEUEDESK_TR_INCLUDES
    ${PROJECT_SOURCE_DIR}/core ${PROJECT_SOURCE_DIR}/ui ${PROJECT_SOURCE_DIR}/app/common)
# No line numbers in the .ts: they would change with every edit of the sources.
set(QUEUEDESK_LUPDATE_OPTIONS -locations none)

qt_add_lupdate(queuedesk_ui
    TS_FILES ${QUEUEDESK_TS_FILES}
    SOURCES ${QUEUEDESK_TR_SOURCES}
    INCLUDE_DIRECTORIES ${QUEUEDESK_TR_INCLUDES}
    OPTIONS ${QUEUEDESK_LUPDATE_OPTIONS})
# On 6.4 the first argument only names the update target (queuedesk_plurals_lupdate)
# when SOURCES and INCLUDE_DIRECTORIES are given; it joins update_translations.
qt_add_lupdate(queuedesk_plurals
    TS_FILES ${QUEUEDESK_TS_PLURALS}
    SOURCES ${QUEUEDESK_TR_SOURCES}
    INCLUDE_DIRECTORIES ${QUEUEDESK_TR_INCLUDES}
    OPTIONS ${QUEUEDESK_LUPDATE_OPTIONS} -pluralonly)

qt_add_lrelease(queuedesk_ui
    TS_FILES ${QUEUEDESK_TS_PLURALS} ${QUEUEDESK_TS_FILES}
    # Only reviewed strings ship: lupdate's same-text guesses stay "unfinished"
    # (and fall back to English) until a translator accepts them.
    OPTIONS -nounfinished
    QM_FILES_OUTPUT_VARIABLE QUEUEDESK_QM_FILES)
qt_add_resources(queuedesk_ui queuedesk_translations
    PREFIX /i18n
    BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${QUEUEDESK_QM_FILES})
