# Qunzhu in a container.
#   docker build -t qunzhu .
#   docker run --rm -p 127.0.0.1:8787:8787 -v qunzhu-data:/data qunzhu          # the shipped sandbox config
#   docker run -d --restart on-failure -v qunzhu-data:/data \
#     -v "$PWD/myconfig:/etc/qunzhu:ro" -e TELEGRAM_TOKEN=... qunzhu               # your own config
# Data (the SQLite file) is in the /data volume; the config is mounted read-only.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY bot/pom.xml bot/
RUN mvn -B -q -ntp -f bot/pom.xml dependency:go-offline || true
COPY bot bot
RUN mvn -B -q -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# The digest charts are drawn headless: fontconfig and a CJK font, or Chinese labels are boxes.
RUN apt-get update && apt-get install -y --no-install-recommends fontconfig fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin qunzhu \
 && install -d -o qunzhu -g qunzhu /data
COPY --from=build /src/bot/target/qunzhu-bot.jar /opt/qunzhu/qunzhu-bot.jar
COPY --from=build /src/bot/target/lib /opt/qunzhu/lib
COPY config /etc/qunzhu
# Inside a container the sandbox must listen on all interfaces to be reachable through -p;
# publish it on the host's loopback only (-p 127.0.0.1:8787:8787): it has no login.
RUN sed -i 's/^  host: 127.0.0.1/  host: 0.0.0.0/' /etc/qunzhu/bot.yml && grep -q '^  host: 0.0.0.0' /etc/qunzhu/bot.yml
USER qunzhu
WORKDIR /data
VOLUME /data
EXPOSE 8787
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-Xmx512m", "-cp", "/opt/qunzhu/qunzhu-bot.jar:/opt/qunzhu/lib/*", "qunzhu.app.Main"]
CMD ["run", "--config", "/etc/qunzhu"]
