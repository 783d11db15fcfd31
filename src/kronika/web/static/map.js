// The map page: Leaflet (from /static/vendor) over country outlines from world-atlas (no tile
// server: everything is local). Places are circle markers; relocations are arrows. Popups are
// built from DOM nodes with textContent, never from HTML strings.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var data = JSON.parse(document.getElementById("map-data").textContent);
  if (typeof L === "undefined" || typeof topojson === "undefined" || !box) { if (box) box.style.display = "none"; return; }
  document.getElementById("map-tables").classList.add("hidden-when-drawn");
  var map = L.map(box, {worldCopyJump: true, zoomSnap: 0.25}).setView([50, 30], 3.5);
  fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }).then(function (world) {
    L.geoJSON(topojson.feature(world, world.objects.countries), {
      style: {color: "#94a3b8", weight: 0.6, fillColor: "#f1f5f9", fillOpacity: 1}
    }).addTo(map).bringToBack();
  });
  function link(href, text) { var a = document.createElement("a"); a.href = href; a.textContent = text; return a; }
  var markers = [];
  data.places.forEach(function (p) {
    var size = 5 + Math.min(14, Math.sqrt(p.items.length) * 3);
    var marker = L.circleMarker([p.lat, p.lon], {radius: size, color: "#065f46", weight: 1.5,
                                                  fillColor: "#10b981", fillOpacity: 0.75, className: "place-marker"});
    var div = document.createElement("div");
    var title = document.createElement("strong");
    title.appendChild(link("/entities/" + p.id, p.name));
    div.appendChild(title);
    var list = document.createElement("ul");
    p.items.slice(0, 12).forEach(function (i) {
      var li = document.createElement("li");
      li.appendChild(link("/entities/" + i.entity.id, i.entity.name));
      li.appendChild(document.createTextNode(" (" + i.predicate.replace(/_/g, " ") + ")"));
      list.appendChild(li);
    });
    if (p.items.length > 12) { var more = document.createElement("li"); more.textContent = "…"; list.appendChild(more); }
    div.appendChild(list);
    marker.bindPopup(div);
    marker.bindTooltip(p.name);
    marker.addTo(map);
    markers.push(marker);
  });
  data.flows.forEach(function (f) {
    var a = [f.from.lat, f.from.lon], b = [f.to.lat, f.to.lon];
    // A gentle arc: the midpoint pushed sideways, so flows out of one place fan out.
    var mid = [(a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.15, (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.15];
    var pts = [];
    for (var t = 0; t <= 1.0001; t += 0.05) {
      pts.push([(1 - t) * (1 - t) * a[0] + 2 * (1 - t) * t * mid[0] + t * t * b[0],
                (1 - t) * (1 - t) * a[1] + 2 * (1 - t) * t * mid[1] + t * t * b[1]]);
    }
    var line = L.polyline(pts, {color: "#dc2626", weight: 1.5 + Math.min(4, f.claims), opacity: 0.8, className: "flow"});
    line.bindTooltip(f.from.name + " → " + f.to.name + ": " + f.subjects.join(", "));
    line.addTo(map);
    var end = pts[pts.length - 1], before = pts[pts.length - 3];
    var angle = Math.atan2(end[0] - before[0], end[1] - before[1]);
    var s = 0.9;
    L.polygon([end, [end[0] - s * Math.sin(angle - 0.4), end[1] - s * Math.cos(angle - 0.4)],
               [end[0] - s * Math.sin(angle + 0.4), end[1] - s * Math.cos(angle + 0.4)]],
              {color: "#dc2626", fillColor: "#dc2626", fillOpacity: 0.9, weight: 1, className: "flow-head"}).addTo(map);
  });
  if (markers.length) {
    var group = L.featureGroup(markers);
    var bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(0.15), {maxZoom: 5});
  }
  box.setAttribute("data-markers", String(markers.length));
  window.kronikaMap = map;
})();
