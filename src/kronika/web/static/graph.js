// The graph page: draws the network with cytoscape (served from /static/vendor) when it is
// there; otherwise the table below the box stays as the page. Labels are drawn on a canvas,
// never parsed as HTML.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  if (typeof cytoscape === "undefined" || !box) { if (box) box.style.display = "none"; return; }
  document.getElementById("graph-table").classList.add("hidden-when-drawn");
  var colours = {organization: "#2563eb", person: "#db2777", place: "#059669", product: "#d97706",
                 policy: "#7c3aed", event: "#dc2626", group: "#0891b2"};
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({data: {id: n.id, label: n.name, type: n.type, degree: n.degree, centre: n.centre ? 1 : 0}});
  });
  data.edges.forEach(function (e) {
    elements.push({data: {id: e.id, source: e.source, target: e.target, label: e.predicate.replace(/_/g, " "),
                          claims: e.claims, accepted: e.accepted}});
  });
  var cy = cytoscape({
    container: box,
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      {selector: "node", style: {
        "background-color": function (n) { return colours[n.data("type")] || "#64748b"; },
        "label": "data(label)", "font-size": 10, "color": "#1f2937", "text-valign": "bottom", "text-margin-y": 3,
        "width": "mapData(degree, 0, 20, 12, 40)", "height": "mapData(degree, 0, 20, 12, 40)",
        "text-wrap": "ellipsis", "text-max-width": 120}},
      {selector: "node[centre = 1]", style: {"border-width": 4, "border-color": "#111827"}},
      {selector: "edge", style: {
        "width": "mapData(claims, 1, 5, 1, 4)", "line-color": "#cbd5e1", "target-arrow-color": "#94a3b8",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "label": "data(label)", "font-size": 7,
        "color": "#64748b", "text-rotation": "autorotate"}},
      {selector: "edge[accepted > 0]", style: {"line-color": "#93c5fd"}}
    ],
    layout: {name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 70, randomize: false}
  });
  cy.on("tap", "node", function (evt) {
    window.location.href = "/entities/" + evt.target.id();
  });
  box.setAttribute("data-nodes", String(cy.nodes().length));
  window.kronikaGraph = cy;
})();
