# Flags every QueueDesk target shares (after qBittorrent's CommonConfig).
add_library(queuedesk_common INTERFACE)
target_compile_features(queuedesk_common INTERFACE cxx_std_20)
target_compile_definitions(queuedesk_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)
# GCC 12 warns about members left out of designated initialisers even when
# they have default member initialisers; we rely on those defaults.
target_compile_options(queuedesk_common INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
