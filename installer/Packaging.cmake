# Installing and packaging: `cpack -G DEB` / `cpack -G TGZ` on Linux (see
# docs/INSTALL.md), NSIS on Windows after windeployqt.

include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/installer/org.shopdesk.ShopDesk.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/installer/org.shopdesk.ShopDesk.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/shopdesk.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/shopdesk-64.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/64x64/apps RENAME shopdesk.png)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/shopdesk.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/API.md
              ${PROJECT_SOURCE_DIR}/docs/USER_GUIDE.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/shopdesk OPTIONAL)
if(UNIX AND NOT APPLE)
    # The server's unit and its settings; /etc files are the admin's (conffiles).
    install(FILES ${PROJECT_SOURCE_DIR}/installer/shopdesk-central.service
            DESTINATION lib/systemd/system)
    # The settings' template goes under the prefix (a TGZ stays relocatable);
    # the .deb's postinst copies it to /etc/shopdesk once, where the unit and
    # the admin look, and leaves an edited copy alone on upgrades.
    install(FILES ${PROJECT_SOURCE_DIR}/installer/central.ini
            DESTINATION ${CMAKE_INSTALL_DATADIR}/shopdesk)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/installer/debian/postinst
                                           ${PROJECT_SOURCE_DIR}/installer/debian/postrm)
endif()

set(CPACK_PACKAGE_NAME "shopdesk")
set(CPACK_PACKAGE_VENDOR "ShopDesk")
set(CPACK_PACKAGE_CONTACT "ShopDesk developers <dev@shopdesk.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "ShopDesk")
set(CPACK_PACKAGE_EXECUTABLES "shopdesk;ShopDesk")
set(CPACK_STRIP_FILES ON)

# Debian: the Qt runtime libraries come from dpkg-shlibdeps (libqt6svg6 for
# the icons among them: shopdesk links Qt SVG itself); the embedded
# database needs PostgreSQL's server binaries (initdb, pg_ctl) and the Qt
# PostgreSQL driver, which no library links to.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-psql, postgresql (>= 15) | postgresql-15, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Point-of-sale and back office for shops, with a head-office sync server\n\
 shopdesk: checkout, stock and stocktakes, history, reports and a customer\n\
 base, working offline and syncing with shopdesk-central.\n\
 shopdesk-central: the REST server shops sync with (systemd unit included).")

# Windows: NSIS, from a tree windeployqt has filled (docs/INSTALL.md).
set(CPACK_NSIS_DISPLAY_NAME "ShopDesk")
set(CPACK_NSIS_PACKAGE_NAME "ShopDesk ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/installer/shopdesk.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\shopdesk.exe")
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\ShopDesk.lnk' '$INSTDIR\\\\bin\\\\shopdesk.exe'")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
endif()
include(CPack)
