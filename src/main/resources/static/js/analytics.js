// Draws the Contact Insights charts from the numbers the page carries as JSON (the tables beside them say the same).
(function () {
  var source = document.getElementById('analytics-data');
  if (!source || typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(source.textContent);
  var channels = data.channels || [];
  new Chart(document.getElementById('channel-chart'), {
    type: 'bar',
    data: {
      labels: channels.map(function (c) { return c.label + ' (' + c.percent + ' %)'; }),
      datasets: [{ label: 'Contacts', data: channels.map(function (c) { return c.contacts; }), backgroundColor: '#2f6fb3' }]
    },
    options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } } }
  });
  var days = data.new_contacts_per_day || [];
  new Chart(document.getElementById('day-chart'), {
    type: 'line',
    data: {
      labels: days.map(function (d) { return d.day; }),
      datasets: [{ label: 'New contacts', data: days.map(function (d) { return d.contacts; }), borderColor: '#2f6fb3',
        pointRadius: days.length > 60 ? 0 : 3 }]
    },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
  });
})();
