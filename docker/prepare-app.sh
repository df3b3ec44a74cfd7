#!/bin/sh
# Image build step (docker/Dockerfile), run as root on the runtime JRE: unpacks the server jar into
# /app and records the class-data sharing archive /app/app.jsa. The files stay root's: the server
# only reads them.
set -eu
jar="$1"

# Application + library jars instead of the fat jar: faster class loading, and a layout that
# class-data sharing can archive (classes inside nested jars cannot be).
java -Djarmode=tools -jar "$jar" extract --destination /app >/dev/null

# A training start (in-memory H2, stops as soon as the Spring context is ready) lists the classes
# the server loads; they are dumped into an archive that later starts map instead of loading and
# verifying ~22k classes. It must run on the very JRE of the image, hence here. Lambda proxies are
# left out: dumping them crashes some OpenJDK 17 builds (SIGSEGV in
# SystemDictionaryShared::adjust_lambda_proxy_class_dictionary; -XX:ArchiveClassesAtExit crashes
# the same way). It listens on loopback, which the open-access guard allows.
cd /tmp
java -XX:DumpLoadedClassList=/tmp/classes.lst -Dspring.context.exit=onRefresh \
    -jar /app/genegate-server.jar --spring.datasource.url=jdbc:h2:mem:cds-training \
    --genegate.terminology.install=false --server.address=127.0.0.1 >/tmp/training.log 2>&1 \
    || { tail -50 /tmp/training.log >&2; exit 1; }
grep -v '^@lambda-proxy' /tmp/classes.lst >/tmp/classes-archived.lst
java -Xshare:dump -XX:SharedClassListFile=/tmp/classes-archived.lst -XX:SharedArchiveFile=/app/app.jsa \
    -jar /app/genegate-server.jar >/tmp/dump.log 2>&1 || { tail -50 /tmp/dump.log >&2; exit 1; }
