# Meurs in a container: built with the .NET SDK image, run on the ASP.NET Core runtime image as a non-root user.
#   docker build -t meurs .
#   docker run -p 8080:8080 -p 40000:40000/udp -e Media__AnnouncedAddress=<this host's address> -v meurs-data:/data meurs
# compose.yaml runs it behind Caddy with TLS. .ci/image-smoke lays the published app out as below (/app, /data,
# /media, the same settings and health check) and runs it as a non-root user; keep the two in step.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# nuget.config also names the development machine's package folder (test-only packages); restore needs it to exist.
RUN mkdir -p /opt/nuget/packages
COPY nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Meurs.Media/Meurs.Media.csproj Meurs.Media/
COPY Meurs.Web/Meurs.Web.csproj Meurs.Web/
RUN dotnet restore Meurs.Web/Meurs.Web.csproj
COPY Meurs.Media/ Meurs.Media/
COPY Meurs.Web/ Meurs.Web/
RUN dotnet publish Meurs.Web/Meurs.Web.csproj --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The app's folder is its content root: the published app, and the web root beside it.
WORKDIR /app
COPY --from=build /app ./
COPY wwwroot/ ./wwwroot/
# Data (database, login keys, uploads) on the /data volume; the library is mounted at /media (read-only is enough).
# Calls' media uses one fixed UDP port, published as it is (Caddy carries no UDP); set Media__AnnouncedAddress to the
# address browsers reach this host at. Kestrel listens on 8080 (the image's ASPNETCORE_HTTP_PORTS) for Caddy.
ENV Data__Path=/data \
    Library__Path=/media \
    Media__Port=40000 \
    ASPNETCORE_HTTP_PORTS=8080
RUN mkdir -p /data /media && chown "$APP_UID" /data
VOLUME /data
# The image's own unprivileged user (app, uid 1654): it can write /data and nothing of the app itself.
USER $APP_UID
EXPOSE 8080/tcp 40000/udp
# The runtime image has no curl or wget: the app checks itself (GET /health on ASPNETCORE_HTTP_PORTS).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 CMD ["dotnet", "/app/meurs.dll", "health"]
ENTRYPOINT ["dotnet", "/app/meurs.dll"]
